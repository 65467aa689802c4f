from tilsyn.audit.services import audit_origin


class AuditOriginMiddleware:
    """Services called during the request (registering a case) record where it came from: see audit_origin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with audit_origin(request):
            return self.get_response(request)
