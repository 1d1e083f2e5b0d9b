"""Load the KldB 2010 classification shipped in core/data/kldb2010/ (idempotent)."""

from django.db import migrations


def load(apps, schema_editor):
    from wegweiser.core.occupations import read_kldb_rows

    Occupation = apps.get_model("core", "Occupation")
    existing = set(Occupation.objects.values_list("code", flat=True))
    Occupation.objects.bulk_create(
        [
            Occupation(code=code, level=level, title=title, short_title=short)
            for code, level, title, short in read_kldb_rows()
            if code not in existing
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_occupation")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
