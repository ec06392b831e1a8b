"""19.0.1.3.0: a unique index on (domain, run number). Runs that an earlier version numbered
twice (two runs created in one call) keep the lowest-id run's number; the others get the next
numbers after their domain's last one, so no run's number changes but a duplicate's."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        WITH dup AS (
            SELECT id, domain_id,
                   row_number() OVER (PARTITION BY domain_id, number ORDER BY id) AS k
              FROM hc_migration_run
        ), moved AS (
            SELECT d.id,
                   (SELECT max(number) FROM hc_migration_run r WHERE r.domain_id = d.domain_id)
                   + row_number() OVER (PARTITION BY d.domain_id ORDER BY d.id) AS number
              FROM dup d WHERE d.k > 1
        )
        UPDATE hc_migration_run r SET number = moved.number FROM moved WHERE r.id = moved.id
        """
    )
