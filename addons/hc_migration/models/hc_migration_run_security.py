# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)


from odoo import models


class HcMigrationRun(models.Model):
    """Security validation of a loaded run: which roles of the suite can read the domain's
    target model, against the domain's allowed roles."""

    _inherit = "hc.migration.run"

    def _security_check(self):
        """For each role of the suite, can a user with only that role read the loaded domain?
        Recorded with the run; a role outside the domain's allowed roles that can read is a leak."""
        self.ensure_one()
        model = self.domain_id.target_model
        allowed = self.domain_id.restricted_group_ids
        suite_groups = (
            self.env["res.groups"]
            .sudo()
            .search(
                [
                    (
                        "privilege_id.category_id",
                        "=",
                        self.env.ref("hc_base.module_category_hc_readiness_suite").id,
                    )
                ]
            )
        )
        roles = suite_groups | self.env.ref("base.group_user")
        Access = self.env["ir.model.access"].sudo()
        lines, ok = [], True
        for group in roles:
            groups = group | group.all_implied_ids
            can_read = bool(
                Access.search_count(
                    [
                        ("model_id.model", "=", model),
                        ("perm_read", "=", True),
                        "|",
                        ("group_id", "in", groups.ids),
                        ("group_id", "=", False),
                    ]
                )
            )
            expected = not allowed or bool(groups & allowed)
            leak = can_read and not expected
            ok = ok and not leak
            lines.append(
                f"{group.full_name}: {'can read' if can_read else 'cannot read'}"
                + ("  <- NOT ALLOWED" if leak else "")
            )
        self._workflow_write({"security_result": "\n".join(lines), "security_ok": ok})
