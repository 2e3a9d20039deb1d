"""Django's flush (empty every table), audit log included: the append-only triggers are lifted
for the wipe and put back after it. Used by the test runner between browser tests."""

from django.core.management.commands import flush
from django.db import connections

from gongkai.audit.db import create_triggers, remove_triggers


class Command(flush.Command):
    help = "Empty the whole database, audit log included (irreversible)."

    def handle(self, **options):
        connection = connections[options["database"]]
        remove_triggers(connection)
        try:
            return super().handle(**options)
        finally:
            create_triggers(connection)
