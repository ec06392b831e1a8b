# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
import json
import logging

from odoo import models
from odoo.exceptions import UserError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

from ..lib import targets
from .hc_migration_run import XMLID_MODULE

_logger = logging.getLogger(__name__)


class HcMigrationRun(models.Model):
    """Loading of a validated run into the domain's target model: chunks of staged rows
    written through the ORM in one savepoint each, external ids per source key (a re-run
    updates), the values each update replaces kept for the rollback."""

    _inherit = "hc.migration.run"

    def _xmlid_name(self, key):
        clean = "".join(c if c.isalnum() else "_" for c in str(key)).strip("_").lower()
        return f"{self.domain_id.code.lower()}_{clean}"

    @restricted_to("hc_migration.group_migration_lead")
    def action_load(self):
        """Load valid, deduplicated rows through the ORM, in chunks with one savepoint each:
        a failing chunk is rolled back alone and its rows marked with the error. External ids
        per source key make a re-run update instead of duplicating. A large load runs in the
        background lanes, its chunks in parallel (hc_migration_run_job.py)."""
        self.ensure_one()
        self._check_lead()
        domain = self.domain_id
        if self.state != "validated":
            raise UserError(self.env._("Stage and validate the file before loading."))
        if domain.scope != "operational" or not domain.target_installed:
            raise UserError(
                self.env._(
                    "%(domain)s is staged and validated only: its target is not loaded into Odoo.",
                    domain=domain.name,
                )
            )
        if not targets.target_allowed(domain.target_model):
            raise UserError(
                self.env._("%(model)s cannot be loaded by a migration.", model=domain.target_model)
            )
        return self._job_start("load", self._load_plan())

    def _load_pending_ids(self):
        """Ids of the rows a load writes, in file order: the valid rows, except those of a
        cluster that still waits for the owner's decision and either matched an existing
        record or is only probable (to review)."""
        pending = self.domain_id.run_ids.cluster_ids.filtered(
            lambda c: c.run_id == self
            and c.state == "pending"
            and (c.existing_refs or c.certainty == "review")
        )
        return (
            self.env["hc.migration.row"]
            .search(
                [
                    ("run_id", "=", self.id),
                    ("state", "=", "valid"),
                    ("cluster_id", "not in", pending.ids),
                ],
                order="row_number",
            )
            .ids
        )

    def _load_chunk(self, chunk_ids):
        """Load one chunk of staged rows (``chunk_ids``, in file order) in one savepoint; the
        values a row's load replaces on an existing record are kept with the row
        (``load_previous``) for the rollback. A chunk that fails is marked with the error;
        a conflict with another lane (serialization, deadlock) is raised for a retry."""
        domain = self.domain_id
        # the load writes only the mapped fields a load may write (see lib/targets.py),
        # checked again here against the target model, whatever the mapping holds
        loadable = domain._loadable_fields()
        # the lead's right to load was checked by the button; the target model (partners,
        # products, employees) is written with elevated rights, as a controlled migration
        # process. The caller's context is not passed on (no default_* or other key reaches
        # the target): only its language and time zone.
        context = self.env.context
        clean = {key: context[key] for key in ("lang", "tz") if key in context}
        Model = self.env(context=clean, su=True)[domain.target_model]
        # a record the run creates carries its provenance in its external id and its staged
        # row (original values, run, sheet, row): no "created" note, lead as follower or
        # tracking message each (a 50,000-supplier mock run would post 50,000 notes and make
        # the lead follow every supplier). The followers a model adds itself (an equipment
        # category's, a department's) are still added. Records it updates are live ones:
        # their changes are tracked.
        Creator = Model.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True
        )
        Row = self.env["hc.migration.row"]
        IMD = self.env["ir.model.data"].sudo()
        # one chunk of rows and records in the cache at a time: memory stays flat
        self.env.invalidate_all()
        chunk = Row.browse(chunk_ids)
        names = {row.id: self._xmlid_name(row.source_key) for row in chunk}
        existing = {
            d.name: d.res_id
            for d in IMD.search(
                [
                    ("module", "=", XMLID_MODULE),
                    ("model", "=", domain.target_model),
                    ("name", "in", list(names.values())),
                ]
            )
        }
        try:
            with self.env.cr.savepoint():
                to_create, to_update, loaded = [], [], []
                for row in chunk:
                    vals = {k: v for k, v in row.values().items() if k in loadable}
                    res_id = existing.get(names[row.id])
                    if (
                        not res_id
                        and row.cluster_id.state == "merged"
                        and row.cluster_id.existing_refs
                    ):
                        res_id = self._existing_ref(row.cluster_id, domain.target_model)
                    (to_update if res_id else to_create).append((row, vals, res_id))
                for row, vals, res_id in to_update:
                    record = Model.browse(res_id)
                    old = record.read(list(vals))[0]
                    previous = {
                        k: (v[0] if isinstance(v, tuple) else v)
                        for k, v in old.items()
                        if k != "id"
                    }
                    record.write(vals)
                    loaded.append((row.id, res_id, "updated", json.dumps(previous, default=str)))
                if to_create:
                    # the ORM's own batch path for loading data (data files, base_import):
                    # models batch their post-create work there (partners sync fields once)
                    records = Creator._load_records_create(
                        self._with_stable_defaults(Model, [vals for _row, vals, _id in to_create])
                    )
                    # one INSERT for the chunk's external ids (as data files do)
                    IMD._update_xmlids(
                        [
                            {
                                "xml_id": f"{XMLID_MODULE}.{names[row.id]}",
                                "record": rec,
                                "noupdate": True,
                            }
                            for (row, _vals, _id), rec in zip(to_create, records, strict=True)
                        ]
                    )
                    loaded.extend(
                        (row.id, rec.id, "created", None)
                        for (row, _vals, _id), rec in zip(to_create, records, strict=True)
                    )
                self.env.flush_all()
                self._mark_loaded(loaded, domain.target_model)
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            raise
        except Exception as exc:
            self.env.invalidate_all()
            _logger.info("Migration run %s: chunk failed: %s", self.name, exc)
            with workflow_scope(Row._name, {"state", "errors", "error_count"}):
                chunk.write(
                    {
                        "state": "error",
                        "errors": self.env._(
                            "Load failed for this chunk: %(error)s", error=str(exc)
                        ),
                        "error_count": 1,
                    }
                )

    def _load_finish(self, post=True):
        """Once every chunk is loaded: the run's rollback data (from its loaded rows, in file
        order), its state, metrics, security validation and one message in the chatter."""
        domain = self.domain_id
        Row = self.env["hc.migration.row"]
        Row.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT res_id, load_action, load_previous FROM hc_migration_row "
                "WHERE run_id = %s AND state = 'loaded' ORDER BY row_number, id",
                self.id,
            )
        )
        rollback = {"model": domain.target_model, "created": [], "updated": []}
        for res_id, action, previous in self.env.cr.fetchall():
            if action == "created":
                rollback["created"].append(res_id)
            else:
                rollback["updated"].append({"id": res_id, "old": json.loads(previous or "{}")})
        self._workflow_write(
            {
                "rollback_data": json.dumps(rollback),
                "load_seconds": self._job_started_seconds(),
                "state": "loaded",
            }
        )
        self._refresh_metrics()
        self._security_check()
        if not post:
            return
        # the one trace of the load in the chatter: the run's, not one per loaded record
        self.message_post(
            body=self.env._(
                "Loaded into %(model)s: %(created)s created, %(updated)s updated, "
                "%(errors)s rows in failed chunks (%(seconds)s s).",
                model=domain.target_model,
                created=self.loaded_created,
                updated=self.loaded_updated,
                errors=self.load_errors,
                seconds=round(self.load_seconds, 1),
            )
        )

    @staticmethod
    def _existing_ref(cluster, model):
        """Id of the record already in Odoo that deduplication matched ``cluster`` with, when
        it is a record of ``model`` (0 otherwise: the row is created)."""
        ref_model, _sep, ref_id = cluster.existing_refs.split(",")[0].partition(":")
        return int(ref_id) if ref_model == model and ref_id.isdigit() else 0

    def _mark_loaded(self, loaded, model):
        """Mark staged rows loaded with their record (and the values their load replaced),
        in one UPDATE for the chunk."""
        if not loaded:
            return
        ids, res_ids, actions, previous = (list(col) for col in zip(*loaded, strict=True))
        self.env.cr.execute(
            SQL(
                """
                UPDATE hc_migration_row r
                   SET state = 'loaded', res_model = %s, res_id = d.res_id, load_action = d.action,
                       load_previous = d.previous,
                       write_uid = %s, write_date = now() at time zone 'UTC'
                  FROM unnest(%s::int4[], %s::int4[], %s::varchar[], %s::text[])
                       AS d(id, res_id, action, previous)
                 WHERE r.id = d.id
                """,
                model,
                self.env.uid,
                ids,
                res_ids,
                actions,
                previous,
            )
        )
        self.env["hc.migration.row"].invalidate_model(
            ["state", "res_model", "res_id", "load_action", "load_previous"]
        )
