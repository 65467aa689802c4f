"""Security headers on every response: a strict Content-Security-Policy (no inline script or style: every
script and stylesheet is a static file), no caching of pages that hold case data, and the browser features
the application never uses switched off. Django's SecurityMiddleware adds nosniff, the referrer policy, COOP
and, in production, HSTS."""
from django.conf import settings

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",  # data: for the API docs' icons and the charts' PNG download
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if not request.path.startswith(settings.STATIC_URL if settings.STATIC_URL.startswith("/")
                                       else "/" + settings.STATIC_URL):
            # Pages and API answers may hold personal data: never in a shared or back-button cache.
            response.headers["Cache-Control"] = "no-store"
        return response
