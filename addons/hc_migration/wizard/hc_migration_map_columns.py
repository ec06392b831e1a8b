import base64

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hc_base.guards import restricted_to

from ..lib import header_match, reasons
from ..lib.reader import FileRejected

STATUS = [
    ("found", "In the file"),
    ("suggested", "Suggested"),
    ("none", "No match"),
]


class HcMigrationMapColumns(models.TransientModel):
    """*Map columns*: the headers of a legacy file matched to a domain's mapping. For each
    mapping line (each joined column of a join) the header that best matches its source
    column or its target field's label is suggested with a score (``lib/header_match.py``);
    the data owner accepts or changes each one and, for a workbook with several sheets,
    picks the sheet. Applying saves the columns on the domain's mapping and the sheet on the
    domain (``sheet_name``): the next file of the same layout needs nothing. Opened from the
    domain (with a sample file) or from a mock run whose file does not match the mapping
    (a lead's run is staged once the columns are applied)."""

    _name = "hc.migration.map.columns"
    _description = "Map Columns of a Legacy File"

    domain_id = fields.Many2one("hc.migration.domain", required=True, ondelete="cascade")
    run_id = fields.Many2one("hc.migration.run", string="Mock Run", ondelete="cascade")
    file = fields.Binary(string="Legacy File")
    filename = fields.Char()
    step = fields.Selection([("upload", "Upload"), ("map", "Map")], default="upload")
    option_ids = fields.One2many("hc.migration.map.columns.option", "wizard_id")
    sheet_id = fields.Many2one(
        "hc.migration.map.columns.option",
        domain="[('wizard_id', '=', id), ('parent_id', '=', False)]",
        help="The sheet of the workbook that holds the data; saved on the domain.",
    )
    sheet_count = fields.Integer(compute="_compute_sheet_count")
    line_ids = fields.One2many(
        "hc.migration.map.columns.line",
        "wizard_id",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )
    missing_count = fields.Integer(
        string="Columns Not in the File", compute="_compute_missing_count"
    )

    @api.depends("option_ids")
    def _compute_sheet_count(self):
        for wizard in self:
            wizard.sheet_count = len(wizard.option_ids.filtered(lambda o: not o.parent_id))

    @api.depends("sheet_id")
    def _compute_line_ids(self):
        for wizard in self:
            if not wizard.sheet_id:
                wizard.line_ids = [Command.clear()]
                continue
            options = wizard.option_ids.filtered(lambda o, w=wizard: o.parent_id == w.sheet_id)
            by_name = {option.name: option for option in options}
            parts, wanted = [], []
            for mapping in wizard.domain_id.mapping_ids:
                columns = mapping._source_columns() or [mapping.source_column]
                label = mapping._target_label()
                for index, column in enumerate(columns):
                    # a joined column is known by its own name only; a line by its field's too
                    names = [column] if len(columns) > 1 else [column, label]
                    parts.append((mapping, index, column, label))
                    wanted.append(((mapping.id, index), names))
            suggestions = header_match.suggest(wanted, list(by_name))
            commands = [Command.clear()]
            for mapping, index, column, label in parts:
                found = suggestions[(mapping.id, index)]
                option = by_name.get(found.header) if found.header else False
                commands.append(
                    Command.create(
                        {
                            "mapping_id": mapping.id,
                            "part": index,
                            "column": column,
                            "field_label": label,
                            "suggested_header_id": option.id if option else False,
                            "header_id": option.id if option else False,
                            "score": found.score,
                            "status": "found" if found.exact else "suggested" if option else "none",
                        }
                    )
                )
            wizard.line_ids = commands

    @api.depends("line_ids.header_id")
    def _compute_missing_count(self):
        for wizard in self:
            wizard.missing_count = len(wizard.line_ids.filtered(lambda line: not line.header_id))

    @api.model
    def _open_for(self, domain, run=None):
        """The wizard for ``domain`` (and ``run``, whose file it reads), as an action; the
        domain's data owner or a migration lead only."""
        domain._check_can_map()
        wizard = self.create({"domain_id": domain.id, "run_id": run.id if run else False})
        if run and run.file:
            wizard._load_file(run.filename, base64.b64decode(run.file))
        return wizard._action_reopen()

    def _action_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Map columns: %(domain)s", domain=self.domain_id.name),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    @restricted_to("hc_migration.group_data_owner", "hc_migration.group_migration_lead")
    def action_read_file(self):
        """Read the uploaded file's sheets and headers and suggest a header per line."""
        self.ensure_one()
        self.domain_id._check_can_map()
        if not self.file:
            raise UserError(self.env._("Upload a legacy file (.xlsx or .csv) first."))
        self._load_file(self.filename, base64.b64decode(self.file))
        return self._action_reopen()

    def _load_file(self, filename, content):
        """Options for the file's sheets and their headers; the sheet chosen: the domain's
        saved one when the workbook has it, else the one whose headers hold the mapping's
        columns, else the first (``header_match.choose_sheet``)."""
        try:
            sheets = header_match.workbook_headers(filename, content)
        except FileRejected as exc:
            raise UserError(
                self.env._(
                    "%(file)s: %(reason)s",
                    file=filename or "",
                    reason=reasons.translate(self.env._, exc),
                )
            ) from exc
        Option = self.env["hc.migration.map.columns.option"]
        self.option_ids.unlink()
        sheet_options = {}
        for sequence, (sheet, headers) in enumerate(sheets.items()):
            parent = Option.create({"wizard_id": self.id, "name": sheet, "sequence": sequence})
            sheet_options[sheet] = parent
            Option.create(
                [
                    {"wizard_id": self.id, "parent_id": parent.id, "name": h, "sequence": i}
                    for i, h in enumerate(headers)
                ]
            )
        chosen = header_match.choose_sheet(
            sheets, self.domain_id._mapping_columns(), saved=self.domain_id.sheet_name
        )
        self.write({"step": "map", "sheet_id": sheet_options[chosen].id if chosen else False})

    @restricted_to("hc_migration.group_data_owner", "hc_migration.group_migration_lead")
    def action_apply(self):
        """Save the chosen headers on the domain's mapping (a line whose columns change is
        rewritten: the domain's rule version moves on, as for any mapping change) and the
        sheet on the domain; then a lead's draft run is staged."""
        self.ensure_one()
        domain = self.domain_id
        domain._check_can_map()
        if self.step != "map" or not self.sheet_id:
            raise UserError(self.env._("Read a legacy file first."))
        changed = []
        for mapping in domain.mapping_ids:
            lines = self.line_ids.filtered(lambda line, m=mapping: line.mapping_id == m)
            if not lines:
                continue
            columns = [
                line.header_id.name or line.column for line in lines.sorted("part") if line.column
            ]
            if columns == (mapping._source_columns() or [mapping.source_column]):
                continue
            vals = {"source_column": columns[0]}
            if mapping.transform == "join":
                vals["join_columns"] = "|".join(columns[1:])
            # the owner reads the mapping but does not edit it: after the check above, the
            # columns (and nothing else) are written for them
            mapping.sudo().write(vals)
            changed.append(" + ".join(columns))
        if self.sheet_count > 1 and domain.sheet_name != self.sheet_id.name:
            domain.sudo().sheet_name = self.sheet_id.name
        # the owner reads the domain: the note of what they changed is posted for them
        domain.sudo().message_post(
            body=self.env._(
                "Columns mapped by %(user)s from %(file)s (sheet %(sheet)s): %(changed)s.",
                user=self.env.user.name,
                file=self.filename or (self.run_id.filename if self.run_id else "") or "-",
                sheet=self.sheet_id.name,
                changed=", ".join(changed) or self.env._("no change"),
            )
        )
        run = self.run_id
        if (
            run
            and run.state == "draft"
            and run.job_state not in ("queued", "running")
            and self.env.user.has_group("hc_migration.group_migration_lead")
        ):
            return run._stage_start()
        return {"type": "ir.actions.act_window_close"}


class HcMigrationMapColumnsOption(models.TransientModel):
    """A sheet of the uploaded file (no parent) or one of its headers (parent: its sheet):
    the choices of *Map columns*."""

    _name = "hc.migration.map.columns.option"
    _description = "Sheet or Header of a Legacy File"
    _order = "sequence, id"

    wizard_id = fields.Many2one("hc.migration.map.columns", required=True, ondelete="cascade")
    parent_id = fields.Many2one(
        "hc.migration.map.columns.option", string="Sheet of the Header", ondelete="cascade"
    )
    name = fields.Char(required=True)
    sequence = fields.Integer()


class HcMigrationMapColumnsLine(models.TransientModel):
    """One column the mapping reads: the header suggested for it, with its score, and the
    header chosen (the suggestion unless the owner changes it)."""

    _name = "hc.migration.map.columns.line"
    _description = "Column to Map"
    _order = "id"

    wizard_id = fields.Many2one("hc.migration.map.columns", required=True, ondelete="cascade")
    mapping_id = fields.Many2one("hc.migration.mapping", required=True, ondelete="cascade")
    part = fields.Integer(help="Position of the column in a join (0: the source column).")
    column = fields.Char(string="Mapped Column", help="The column the mapping reads now.")
    field_label = fields.Char(string="Target Field")
    suggested_header_id = fields.Many2one(
        "hc.migration.map.columns.option", string="Suggestion", ondelete="set null"
    )
    score = fields.Float(digits=(5, 1), help="0-100: how close the suggestion is.")
    status = fields.Selection(STATUS)
    header_id = fields.Many2one(
        "hc.migration.map.columns.option",
        string="File Header",
        ondelete="set null",
        help="The header of the file that holds this column (empty: keep the mapped column).",
    )
    sheet_id = fields.Many2one(related="wizard_id.sheet_id")
