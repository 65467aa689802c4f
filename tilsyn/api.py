"""The HTTP API for integrations: one NinjaAPI, each business area adds its router.

OpenAPI at /api/openapi.json, interactive docs at /api/docs (served from the application, no CDN).
Authentication: the user's session (django-ninja checks CSRF on writes); the access rules are the pages' own.
"""
from ninja import NinjaAPI
from ninja.security import django_auth

from tilsyn.cases.api import router as cases_router
from tilsyn.reference.api import router as reference_router

api = NinjaAPI(
    title="Tilsyn API",
    version="1",
    description="Saker, referansedata og statistikk for Statens helsetilsyn og statsforvalterne.",
    auth=django_auth,
    urls_namespace="api",
)
api.add_router("/saker", cases_router)
api.add_router("/referanse", reference_router)
