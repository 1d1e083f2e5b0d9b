"""The SQLite full-text index of articles (FTS5). PostgreSQL needs none: it searches with
its `german` configuration directly, so this migration does nothing there."""

from django.db import migrations

FTS_TABLE = "knowledge_article_fts"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    # The rows hold German stems made by wegweiser.knowledge.stemming; rowid = article id.
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        "title, body, tokenize = 'unicode61 remove_diacritics 2')"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
