from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from tilsyn.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "office", "role", "is_active"]
    list_filter = ["office", "role", "is_active"]
    fieldsets = BaseUserAdmin.fieldsets + (("Tilsyn", {"fields": ["office", "role", "language"]}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (("Tilsyn", {"fields": ["office", "role"]}),)
