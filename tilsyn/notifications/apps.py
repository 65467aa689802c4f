from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "tilsyn.notifications"
    verbose_name = "Varsler om alvorlige hendelser"
