"""What every form of the application shares: Designsystemet's classes on the widgets."""
from django import forms


class DesignsystemetForm(forms.Form):
    """Gives each widget its ds-* class, so that templates render fields with `forms/field.html` alone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs.setdefault("class", "ds-input")
