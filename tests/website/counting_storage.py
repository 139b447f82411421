"""Django's own file storage, counting the calls /readyz makes to it (a test backend, nothing of ours wrapped)."""

from django.core.files.storage import FileSystemStorage


class CountingFileSystemStorage(FileSystemStorage):
    calls: list[str] = []

    def exists(self, name):
        self.calls.append(f"exists {name}")
        return super().exists(name)

    def _open(self, name, mode="rb"):
        self.calls.append(f"open {name}")
        return super()._open(name, mode)

    def _save(self, name, content):
        self.calls.append(f"save {name}")
        return super()._save(name, content)

    def delete(self, name):
        self.calls.append(f"delete {name}")
        return super().delete(name)
