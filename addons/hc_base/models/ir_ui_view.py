from odoo import models


class IrUiView(models.Model):
    _inherit = "ir.ui.view"

    def _postprocess_tag_field(self, node, name_manager, node_info):
        """Workflow-owned fields are shown read-only wherever a record is edited: the server
        refuses them anyway, so a form never offers an edit it would then refuse."""
        name = node.get("name")
        model = name_manager.model
        field = model._fields.get(name) if name else None
        if (
            field is not None
            and node_info.get("view_type") in ("form", "list", "kanban")
            and model._hc_is_workflow_owned(field)
        ):
            node.set("readonly", "1")
            node.attrib.pop("force_save", None)
        return super()._postprocess_tag_field(node, name_manager, node_info)
