"""No models: the app exists for its row-level security policies, made after every migrate (apps.py)."""
