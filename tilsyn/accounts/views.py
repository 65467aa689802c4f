"""The login steps and the user's own account page. The rules are in authentication.py and services.py."""
import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tilsyn.accounts.authentication import (
    password_step_done, session_start, totp_check, totp_device, totp_device_pending, totp_secret,
)
from tilsyn.accounts.forms import CodeForm
from tilsyn.accounts.middleware import second_step
from tilsyn.accounts.services import user_sessions_end


def next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return candidate
    return reverse("home")


class LoginView(auth_views.LoginView):
    """Step one: username and password. Success opens only step two."""

    def form_valid(self, form):
        password_step_done(self.request, form.get_user())
        return redirect(f"{reverse('accounts:verify')}?{urlencode({'next': next_url(self.request)})}")


THROTTLED = gettext_lazy("For mange feil koder. Vent et halvt minutt og prøv igjen.")
WRONG = gettext_lazy("Feil kode. Bruk koden appen viser nå.")


@second_step
def verify(request):
    """Step two: the six-digit code from the user's authenticator app."""
    device = totp_device(request.user)
    if device is None:
        return redirect(f"{reverse('accounts:enrol')}?{urlencode({'next': next_url(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = totp_check(device, form.cleaned_data["code"])
        if result == "ok":
            session_start(request, device=device)
            return redirect(next_url(request))
        form.add_error("code", THROTTLED if result == "throttled" else WRONG)
    return render(request, "accounts/verify.html", {"form": form, "next": next_url(request)})


@second_step
def enrol(request):
    """First login: the user adds Tilsyn to an authenticator app and proves it with a code."""
    if totp_device(request.user) is not None:
        return redirect(f"{reverse('accounts:verify')}?{urlencode({'next': next_url(request)})}")
    device = totp_device_pending(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = totp_check(device, form.cleaned_data["code"])
        if result == "ok":
            session_start(request, device=device)
            return redirect(next_url(request))
        form.add_error("code", THROTTLED if result == "throttled" else WRONG)
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("QR-kode for autentiseringsappen"))
    return render(request, "accounts/enrol.html", {"form": form, "next": next_url(request), "qr": qr,
                                                   "secret": totp_secret(device)})


def account(request):
    return render(request, "accounts/account.html", {"device": totp_device(request.user)})


@require_POST
def logout_everywhere(request):
    user_sessions_end(user=request.user)
    logout(request)
    return redirect(f"{reverse('login')}?{urlencode({'ut': 'overalt'})}")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        messages.success(self.request, _("Passordet er endret. Andre innlogginger er avsluttet."))
        return super().form_valid(form)


logout_view = second_step(auth_views.LogoutView.as_view())
