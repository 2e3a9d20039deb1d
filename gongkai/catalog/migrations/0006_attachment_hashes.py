"""Existing attachments join the shared file rule (gongkai.core.files.StoredFile).

The rows stay where they are (same tables, same ids, so public download URLs
/item/<pk>/files/<att>/ (portal:download) keep working) and the files stay at their stored paths;
content type, size and extracted text are kept. What is new is the content hash: it is computed
here from the stored bytes (a row whose file is missing keeps an empty hash), and an empty
content type is filled from the file name.
"""

import hashlib
import mimetypes

from django.db import migrations


def _fill(model):
    for att in model.objects.filter(sha256="").iterator():
        changed = []
        try:
            with att.file.open("rb") as fh:
                digest = hashlib.sha256()
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
            att.sha256 = digest.hexdigest()
            changed.append("sha256")
        except (FileNotFoundError, ValueError, OSError):
            pass
        if not att.content_type:
            guessed = mimetypes.guess_type(att.name or att.file.name or "")[0]
            if guessed:
                att.content_type = guessed
                changed.append("content_type")
        if changed:
            att.save(update_fields=changed)


def forwards(apps, schema_editor):
    _fill(apps.get_model("catalog", "Attachment"))
    _fill(apps.get_model("catalog", "RevisionAttachment"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_stored_files")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
