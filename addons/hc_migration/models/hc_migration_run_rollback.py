# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
import json
from collections import defaultdict

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

from ..lib import targets
from .hc_migration_run import XMLID_MODULE


class HcMigrationRun(models.Model):
    """Rollback of a loaded mock run (non-production databases only): only what the run's
    own load recorded, checked against its staged rows, is undone."""

    _inherit = "hc.migration.run"

    @restricted_to("hc_migration.group_migration_lead")
    def action_rollback(self):
        """Undo a mock run on a non-production database: remove the records it created and
        restore the previous values of those it updated. Only what the run's own load
        recorded, checked against its staged rows, is touched, in the domain's target model."""
        self.ensure_one()
        self._check_lead()
        if self.state != "loaded":
            raise UserError(self.env._("Only a loaded run can be rolled back."))
        if self.env["ir.config_parameter"].sudo().get_param("hc_migration.production") in (
            "1",
            "True",
            "true",
        ):
            raise UserError(
                self.env._(
                    "This database is marked as production (hc_migration.production): "
                    "mock runs cannot be rolled back here."
                )
            )
        self._verified_rollback_data()  # refused here, in the request, if it does not match
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM hc_migration_row WHERE run_id = %s AND state = 'loaded'",
                self.id,
            )
        )
        return self._job_start("rollback", self.env.cr.fetchone()[0])

    def _rollback_chunk(self, size):
        """Undo up to ``size`` entries of the run's rollback data, last first (the updated
        records restored in reverse order, then the created ones removed), mark their rows
        valid again and keep what is left as the run's rollback data: an interrupted
        rollback resumes where it stopped. Returns the entries undone (0: nothing left)."""
        model, created_ids, updated = self._verified_rollback_data()
        if not (created_ids or updated):
            return 0
        context = self.env.context
        clean = {key: context[key] for key in ("lang", "tz") if key in context}
        Model = self.env(context=clean, su=True)[model]
        Row = self.env["hc.migration.row"]
        if updated:
            batch, updated = updated[-size:], updated[:-size]
            for entry in reversed(batch):
                Model.browse(entry["id"]).write(entry["old"])
            # a record updated by several rows is restored once its first value is back
            done = {entry["id"] for entry in batch} - {entry["id"] for entry in updated}
            rows = Row.search(
                [
                    ("run_id", "=", self.id),
                    ("state", "=", "loaded"),
                    ("load_action", "=", "updated"),
                    ("res_id", "in", list(done)),
                ]
            )
        else:
            batch, created_ids = created_ids[-size:], created_ids[:-size]
            created = Model.browse(batch).exists()
            self.env["ir.model.data"].sudo().search(
                [
                    ("module", "=", XMLID_MODULE),
                    ("model", "=", Model._name),
                    ("res_id", "in", created.ids),
                ]
            ).unlink()
            created.unlink()
            rows = Row.search(
                [
                    ("run_id", "=", self.id),
                    ("state", "=", "loaded"),
                    ("load_action", "=", "created"),
                    ("res_id", "in", batch),
                ]
            )
        with workflow_scope(Row._name, {"state", "res_id", "load_action"}):
            rows.write({"state": "valid", "res_id": 0, "load_action": False})
        self._workflow_write(
            {
                "rollback_data": json.dumps(
                    {"model": model, "created": created_ids, "updated": updated}
                )
            }
        )
        return len(batch)

    def _rollback_finish(self):
        Row = self.env["hc.migration.row"]
        with workflow_scope(Row._name, {"state", "res_id", "load_action"}):
            Row.search([("run_id", "=", self.id), ("state", "=", "loaded")]).write(
                {"state": "valid", "res_id": 0, "load_action": False}
            )
        self._workflow_write({"state": "rolled_back", "rollback_data": False})
        self._refresh_metrics()

    def _verified_rollback_data(self):
        """(model, created ids, updated entries) of the run's rollback data, once checked
        against what the load recorded on the staged rows: the domain's target model only,
        records the run created (with the external id the load gave them) or updated, and
        only fields a load may write. Anything else refuses the whole rollback."""
        self.ensure_one()
        model = self.domain_id.target_model
        try:
            data = json.loads(self.rollback_data or "{}")
            recorded_model = data.get("model", model)
            created_ids = [int(i) for i in data.get("created", [])]
            updated = [
                {"id": int(entry["id"]), "old": dict(entry["old"])}
                for entry in data.get("updated", [])
            ]
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise UserError(self.env._("The rollback data of this run is unreadable.")) from exc

        def refuse():
            raise UserError(
                self.env._(
                    "The rollback data of %(run)s does not match what its load recorded: "
                    "nothing was rolled back.",
                    run=self.name,
                )
            )

        if not (
            model
            and recorded_model == model
            and targets.target_allowed(model)
            and model in self.env
        ):
            refuse()
        # the loaded rows' three columns (a run can hold 50,000 rows: not the records)
        self.env["hc.migration.row"].flush_model(["state", "res_model", "res_id", "load_action"])
        self.env.cr.execute(
            SQL(
                "SELECT res_model, load_action, res_id FROM hc_migration_row "
                "WHERE run_id = %s AND state = 'loaded'",
                self.id,
            )
        )
        by_action = defaultdict(set)
        for res_model, action, res_id in self.env.cr.fetchall():
            if res_model != model:
                refuse()
            by_action[action].add(res_id)
        if not set(created_ids) <= by_action["created"]:
            refuse()
        if not {entry["id"] for entry in updated} <= by_action["updated"]:
            refuse()
        model_fields = self.env[model]._fields
        if any(
            targets.model_field_refusal(model_fields, fname)
            for entry in updated
            for fname in entry["old"]
        ):
            refuse()
        xmlids = (
            self.env["ir.model.data"]
            .sudo()
            .search(
                [
                    ("module", "=", XMLID_MODULE),
                    ("model", "=", model),
                    ("res_id", "in", created_ids),
                ]
            )
        )
        if set(created_ids) - set(xmlids.mapped("res_id")):
            refuse()
        return model, created_ids, updated
