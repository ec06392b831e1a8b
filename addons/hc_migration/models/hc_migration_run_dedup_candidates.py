# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
import json

from odoo import models
from odoo.tools import SQL

from .hc_migration_run import XMLID_MODULE
from .hc_migration_run_dedup import PAGE
from .hc_migration_run_staging import BLOCK_SEPARATOR, sort_value

# Fields of existing records compared with staged rows, per target model: dedup role -> field.
EXISTING_DEDUP_FIELDS = {
    "res.partner": {
        "name": "name",
        "vat": "vat",
        "email": "email",
        "phone": "phone",
        "code": "ref",
        "street": "street",
        "city": "city",
        "postcode": "zip",
        "company_registry": "company_registry",
        "website": "website",
        "country": "country_id",
    },
    "product.template": {"name": "name", "code": "default_code", "barcode": "barcode"},
    "product.product": {"name": "name", "code": "default_code", "barcode": "barcode"},
    "hr.employee": {
        "name": "name",
        "email": "work_email",
        "code": "barcode",
        "birth_date": "birthday",
        "national_id": "identification_id",
        "phone": "mobile_phone",
    },
    "maintenance.equipment": {"name": "name", "code": "serial_no", "model": "model"},
}


class HcMigrationRun(models.Model):
    """Candidates of a deduplication, in temporary tables: the staged rows' dedup inputs and
    the target model's records, their blocks, and the candidate pairs built in SQL (every pair
    of a small block, a window of sort order in a large one)."""

    _inherit = "hc.migration.run"

    def _own_record_ids(self):
        """Ids of the target records this domain's own loads created (they carry its external
        ids, ``<domain code>_<source key>``): a re-run updates them by source key, they are
        not duplicates of its rows. Every other record of the target model - created by hand
        or by another domain loading the same model (a second legacy source) - is compared
        with the rows."""
        prefix = f"{self.domain_id.code.lower()}_"
        # a domain whose code extends this one's (SUP and SUP_X) has names with this prefix
        longer = [
            f"{code.lower()}_"
            for code in self.env["hc.migration.domain"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "!=", self.domain_id.id)])
            .mapped("code")
            if f"{code.lower()}_".startswith(prefix)
        ]
        self.env.cr.execute(
            SQL(
                "SELECT res_id, name FROM ir_model_data "
                "WHERE module = %s AND model = %s AND starts_with(name, %s)",
                XMLID_MODULE,
                self.domain_id.target_model,
                prefix,
            )
        )
        return {
            res_id
            for res_id, name in self.env.cr.fetchall()
            if not any(name.startswith(other) for other in longer)
        }

    def _existing_candidates(self, kind, roles):
        """(cid, source, blocks, sort) of the target model's records compared with the rows
        (cid is minus the record's id), and their names, by the fields of the dedup roles."""
        domain = self.domain_id
        fmap = EXISTING_DEDUP_FIELDS.get(domain.target_model)
        if not (fmap and domain.target_installed):
            return [], {}
        Model = self.env[domain.target_model].sudo().with_context(active_test=False)
        wanted = {r: fmap[r] for r in roles if r in fmap and fmap[r] in Model._fields}
        if not wanted:
            return [], {}
        skip = self._own_record_ids()
        countries = {c["id"]: c["code"] for c in self.env["res.country"].search_read([], ["code"])}
        out, names = [], {}
        for rec in Model.search_read([("name", "!=", False)], list({*wanted.values(), "name"})):
            if rec["id"] in skip:
                continue
            source = {
                role: self._dedup_value(rec[fname], Model._fields[fname], countries)
                for role, fname in wanted.items()
                if rec.get(fname) not in (False, None, "")
            }
            normal = kind.normalise(source)
            blocks = kind.block_keys(normal)
            if not blocks:
                continue
            out.append(
                (
                    -rec["id"],
                    json.dumps(normal, ensure_ascii=False, sort_keys=True),
                    blocks,
                    sort_value(kind, normal),
                )
            )
            names[-rec["id"]] = rec["name"]
        return out, names

    @staticmethod
    def _dedup_value(value, field, countries):
        """A record's value as a file would hold it: a country's code, another linked
        record's name, any other value as text."""
        if field.type == "many2one":
            return countries.get(value[0], "") if field.comodel_name == "res.country" else value[1]
        return str(value)

    def _dedup_tables(self, existing, passes):
        """Fill the temporary tables of one deduplication: candidates (staged rows of the run
        with dedup inputs, then Odoo's records) and their blocks, one row per (candidate,
        block), plus the sorted-neighbourhood pass every candidate is in.

        Rows whose dedup inputs are identical (one placeholder code and name on thousands
        of rows) are *twins*: only the first of them (its *head*) is compared, and the
        clusters take its twins along. Returns {head: number of twins}."""
        cr = self.env.cr
        cr.execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS hc_dedup_cand (
                cid int4 PRIMARY KEY, source text, sort varchar) ON COMMIT DROP;
            CREATE TEMP TABLE IF NOT EXISTS hc_dedup_twin (
                cid int4 PRIMARY KEY, head int4) ON COMMIT DROP;
            CREATE TEMP TABLE IF NOT EXISTS hc_dedup_block (
                cid int4, block varchar, sort varchar) ON COMMIT DROP;
            CREATE TEMP TABLE IF NOT EXISTS hc_dedup_pair (
                a int4, b int4, PRIMARY KEY (a, b)) ON COMMIT DROP;
            TRUNCATE hc_dedup_cand, hc_dedup_twin, hc_dedup_block, hc_dedup_pair;
            """
        )
        self.env["hc.migration.row"].flush_model()
        cr.execute(
            SQL(
                """
                WITH staged AS (
                    SELECT id, dedup_source, dedup_sort,
                           min(id) OVER (PARTITION BY dedup_source) AS head
                      FROM hc_migration_row
                     WHERE run_id = %(run)s AND state IN ('valid', 'rejected')
                       AND dedup_blocks IS NOT NULL
                ), twins AS (
                    INSERT INTO hc_dedup_twin (cid, head)
                    SELECT id, head FROM staged WHERE id <> head
                )
                INSERT INTO hc_dedup_cand (cid, source, sort)
                     SELECT id, dedup_source, coalesce(dedup_sort, '')
                       FROM staged WHERE id = head;
                INSERT INTO hc_dedup_block (cid, block, sort)
                     SELECT r.id, unnest(string_to_array(r.dedup_blocks, %(sep)s)),
                            split_part(c.sort, %(sep)s, 1)
                       FROM hc_migration_row r
                       JOIN hc_dedup_cand c ON c.cid = r.id;
                SELECT head, count(*) FROM hc_dedup_twin GROUP BY head;
                """,
                run=self.id,
                sep=BLOCK_SEPARATOR,
            )
        )
        twins = dict(cr.fetchall())
        for chunk in range(0, len(existing), PAGE):
            part = existing[chunk : chunk + PAGE]
            cr.execute(
                SQL(
                    "INSERT INTO hc_dedup_cand (cid, source, sort) "
                    "SELECT * FROM unnest(%s::int4[], %s::text[], %s::varchar[])",
                    [c[0] for c in part],
                    [c[1] for c in part],
                    [c[3] for c in part],
                )
            )
            cr.execute(
                SQL(
                    "INSERT INTO hc_dedup_block (cid, block, sort) "
                    "SELECT * FROM unnest(%s::int4[], %s::varchar[], %s::varchar[])",
                    [c[0] for c in part for _b in c[2]],
                    [b for c in part for b in c[2]],
                    [c[3].split(BLOCK_SEPARATOR)[0] for c in part for _b in c[2]],
                )
            )
        # the sorted-neighbourhood passes: one block per sort key of the kind, in its order
        for number in range(1, passes + 1):
            cr.execute(
                SQL(
                    "INSERT INTO hc_dedup_block (cid, block, sort) "
                    "SELECT cid, %s, split_part(sort, %s, %s) FROM hc_dedup_cand "
                    "WHERE split_part(sort, %s, %s) <> ''",
                    f"~sn{number}",
                    BLOCK_SEPARATOR,
                    number,
                    BLOCK_SEPARATOR,
                    number,
                )
            )
        return twins

    def _dedup_pairs(self, kind):
        """Candidate pairs, in SQL: every pair of a block of at most ``MAX_BLOCK`` members,
        and each member's ``WINDOW`` next neighbours in the sort order of a larger block (the
        sorted-neighbourhood pass is such a block), so the pairs grow linearly with the file
        whatever the data (one code on every row). Two records already in Odoo are never
        paired: only blocks holding a staged row count. Returns the number of pairs."""
        cr = self.env.cr
        cr.execute(
            """
            DROP TABLE IF EXISTS hc_dedup_member;
            CREATE TEMP TABLE hc_dedup_member ON COMMIT DROP AS
                WITH useful AS (
                    SELECT block FROM hc_dedup_block
                     GROUP BY block HAVING count(*) > 1 AND max(cid) > 0
                )
                SELECT b.block, b.cid,
                       row_number() OVER (PARTITION BY b.block ORDER BY b.sort, b.cid) AS rn,
                       count(*) OVER (PARTITION BY b.block) AS n
                  FROM hc_dedup_block b
                  JOIN useful u ON u.block = b.block;
            CREATE INDEX ON hc_dedup_member (block, rn);
            ANALYZE hc_dedup_member;
            """
        )
        cr.execute(
            SQL(
                """
                INSERT INTO hc_dedup_pair (a, b)
                SELECT DISTINCT least(x.cid, y.cid), greatest(x.cid, y.cid)
                  FROM hc_dedup_member x
                  -- a range on the (block, rn) index, one probe per member: joining on
                  -- rn = x.rn + k scanned the whole block for each member (quadratic)
                  CROSS JOIN LATERAL (
                        SELECT m.cid FROM hc_dedup_member m
                         WHERE m.block = x.block AND m.rn > x.rn
                           AND m.rn <= x.rn + CASE WHEN x.n <= %(max)s
                                                   THEN x.n - x.rn ELSE %(window)s END
                  ) AS y
                 WHERE greatest(x.cid, y.cid) > 0 AND x.cid <> y.cid
                ON CONFLICT DO NOTHING
                """,
                max=kind.max_block,
                window=max(kind.window - 1, 1),
            )
        )
        count = cr.rowcount
        cr.execute("DROP TABLE hc_dedup_member")
        return count
