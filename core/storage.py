"""Where files that are not public live: hotline attachments, press files under embargo.

In the storage STORAGES["private"]: a folder outside MEDIA_ROOT (which the web server publishes),
or with MEDIA_STORAGE=s3 a bucket or prefix of the object store that nobody reads anonymously.
Views that check permission serve them, through the storage's API (never a path on disk).
"""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


private_storage = PrivateStorage()


def get_private_storage() -> PrivateStorage:
    """The storage as a callable for FileField(storage=...), so migrations name this function,
    not a path of the machine that made them."""
    return private_storage


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    # As Django does for default_storage: a test that changes STORAGES gets the new backend.
    if setting == "STORAGES":
        private_storage._wrapped = empty
