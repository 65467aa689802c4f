from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Engangskode"), regex=r"^\s*\d{6}\s*$", max_length=8,
        error_messages={"invalid": _("Koden er seks sifre."), "required": _("Skriv inn koden.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "class": "ds-input", "autofocus": True}),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip()
