"""Where files that are not public live: hotline attachments, press files under embargo.

Outside MEDIA_ROOT (which the web server publishes), in the storage STORAGES["private"]; views
that check permission serve them.
"""

from django.core.files.storage import storages
from django.utils.functional import LazyObject


class PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


private_storage = PrivateStorage()


def get_private_storage() -> PrivateStorage:
    """The storage as a callable for FileField(storage=...), so migrations name this function,
    not a path of the machine that made them."""
    return private_storage
