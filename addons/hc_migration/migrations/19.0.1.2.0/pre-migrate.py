"""A domain has one sign-off per kind and rule version (a UNIQUE constraint from 19.0.1.2.0):
sign-offs given twice for the same version before it are folded into the latest one, whose
note records the earlier signers, so that the constraint can be created."""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute("SELECT to_regclass('hc_migration_signoff')")
    if not cr.fetchone()[0]:
        return
    cr.execute(
        SQL(
            """
            WITH ranked AS (
                SELECT s.id, s.domain_id, s.kind, s.rule_version,
                       row_number() OVER (PARTITION BY s.domain_id, s.kind, s.rule_version
                                          ORDER BY s.date DESC, s.id DESC) AS n
                  FROM hc_migration_signoff s
            ), earlier AS (
                SELECT k.id AS keep_id,
                       string_agg(concat(p.name, ' ', to_char(s.date, 'YYYY-MM-DD HH24:MI')),
                                  ', ' ORDER BY s.date) AS who,
                       array_agg(s.id) AS ids
                  FROM ranked k
                  JOIN ranked d ON d.domain_id = k.domain_id AND d.kind = k.kind
                               AND d.rule_version IS NOT DISTINCT FROM k.rule_version
                               AND d.n > 1
                  JOIN hc_migration_signoff s ON s.id = d.id
                  JOIN res_users u ON u.id = s.user_id
                  JOIN res_partner p ON p.id = u.partner_id
                 WHERE k.n = 1
              GROUP BY k.id
            ), noted AS (
                UPDATE hc_migration_signoff s
                   SET note = concat_ws(E'\n', s.note, 'Also signed before: ' || e.who)
                  FROM earlier e
                 WHERE s.id = e.keep_id
             RETURNING e.ids
            )
            DELETE FROM hc_migration_signoff WHERE id IN (SELECT unnest(ids) FROM noted)
            """
        )
    )
