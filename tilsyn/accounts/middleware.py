from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tilsyn.accounts.authentication import is_fully_authenticated, session_too_old

API_PREFIX = "/api/"


class StrongAuthenticationMiddleware:
    """Every page needs a full two-factor login unless its view says otherwise.

    Pages are closed by default, so a page somebody adds later without `login_required` is still closed.
    Views marked with Django's `login_not_required` are open to anyone (the login page); views marked
    `second_step` are open to a user who has given the password but not yet the code (the code page,
    enrolment, log-out). The API answers 401 instead of redirecting; its own auth handles anonymous calls.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        if request.user.is_authenticated and session_too_old(request):
            logout(request)
        api = request.path.startswith(API_PREFIX)
        if not request.user.is_authenticated:
            return None if api else redirect_to_login(request.get_full_path())
        if is_fully_authenticated(request) or getattr(view_func, "second_step", False):
            return None
        if api:
            return JsonResponse({"detail": _("Tofaktorinnlogging kreves.")}, status=401)
        return redirect(f"{reverse('accounts:verify')}?{urlencode({'next': request.get_full_path()})}")


def second_step(view_func):
    """Open to a user who has given the password but not yet the second factor."""
    view_func.second_step = True
    return view_func
