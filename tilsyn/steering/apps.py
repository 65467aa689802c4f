from django.apps import AppConfig


class SteeringConfig(AppConfig):
    name = "tilsyn.steering"
    label = "steering"
    verbose_name = "Styring"
