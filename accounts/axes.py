def axes_username(request, credentials=None) -> str:
    """The user name django-axes records for a log-in attempt (AXES_USERNAME_CALLABLE): what was
    typed, without NUL characters (PostgreSQL refuses them) and cut to the column's 255 characters,
    so a junk attempt is counted as a failure instead of ending in a server error."""
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get("username") or ""
    return str(username).replace("\x00", "")[:255]
