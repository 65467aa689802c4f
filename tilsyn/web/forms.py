"""What every form of the application shares: Designsystemet's classes on the widgets."""
from django import forms
from django.core.exceptions import ValidationError


class DesignsystemetForm(forms.Form):
    """Gives each widget its ds-* class, so that templates render fields with `forms/field.html` alone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs.setdefault("class", "ds-input")


def form_error_add(form: forms.Form, error: ValidationError) -> None:
    """Put a service's refusal on the form: messages for a field on that field, the rest above the form."""
    fields = error.error_dict.items() if hasattr(error, "error_dict") else [(None, error.error_list)]
    for field, errors in fields:
        form.add_error(field if field in form.fields else None, [str(m) for e in errors for m in e])
