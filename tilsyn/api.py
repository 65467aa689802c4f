"""The HTTP API for integrations: one NinjaAPI, each business area adds its router.

OpenAPI at /api/openapi.json, interactive docs at /api/docs (served from the application, no CDN).
Authentication: the user's session (django-ninja checks CSRF on writes); the access rules are the pages' own.
"""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as RequestInvalid
from ninja.security import django_auth

from tilsyn.cases.api import router as cases_router
from tilsyn.cases.transitions import TransitionError
from tilsyn.complaints.api import router as complaints_router
from tilsyn.notifications.api import router as notifications_router
from tilsyn.reference.api import router as reference_router
from tilsyn.supervision.api import router as supervision_router

api = NinjaAPI(
    title="Tilsyn API",
    version="1",
    description="Saker, referansedata og statistikk for Statens helsetilsyn og statsforvalterne.",
    auth=django_auth,
    urls_namespace="api",
)
api.add_router("/saker", cases_router)
api.add_router("/referanse", reference_router)
api.add_router("/klager", complaints_router)
api.add_router("/tilsynssaker", supervision_router)
api.add_router("/varsler", notifications_router)


@api.exception_handler(ValidationError)
def validation_refused(request, error: ValidationError):
    """A service refused the input: 422, the messages in Norwegian, per field where there is one."""
    fields = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    return api.create_response(request, {"detail": " ".join(m for ms in fields.values() for m in ms),
                                         "errors": fields}, status=422)


@api.exception_handler(TransitionError)
def transition_refused(request, error: TransitionError):
    """The case's state does not allow the change, or someone saved it in between (StaleCase): 409."""
    return api.create_response(request, {"detail": str(error)}, status=409)


@api.exception_handler(RequestInvalid)
def request_invalid(request, error: RequestInvalid):
    """The request does not match the documented schema: 422, a Norwegian summary and pydantic's details."""
    return api.create_response(request, {"detail": _("Forespørselen har ugyldige eller manglende felt."),
                                         "errors": error.errors}, status=422)


# django-ninja's own refusals, said in Norwegian; our own HttpErrors are Norwegian already and pass unchanged.
NINJA_MESSAGES = {
    "Cannot parse request body": gettext_lazy("Innholdet i forespørselen kan ikke leses (forventet JSON)."),
    "Unauthorized": gettext_lazy("Du må være logget inn."),
    "Forbidden": gettext_lazy("Du har ikke tilgang."),
    "CSRF check Failed": gettext_lazy(
        "CSRF-sjekken feilet: send X-CSRFToken med verdien fra informasjonskapselen csrftoken."),
}


@api.exception_handler(HttpError)
def http_error(request, error: HttpError):
    message = NINJA_MESSAGES.get(error.message)
    return api.create_response(request, {"detail": str(message) if message else error.message},
                               status=error.status_code)
