import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/**
 * The RAID log's 5 x 5 risk heat map: impact (rows, 5 on top) x likelihood (columns),
 * each cell coloured by its score band (impact x likelihood: 15+ high, 6-14 medium,
 * below 6 low) with the number of risks in it; a click opens those risks.
 * The figures are the server's (hc.raid.item.get_risk_heat_map), under the user's rules.
 */
export class RiskHeatMap extends Component {
    static template = "hc_readiness.RiskHeatMap";
    static components = { Layout };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ data: null });
        onWillStart(async () => {
            const context = this.props.action.context || {};
            this.state.data = await this.orm.call("hc.raid.item", "get_risk_heat_map", [], {
                domain: context.hc_heat_map_domain,
            });
        });
    }

    cellClass(cell) {
        const band = {
            high: "bg-danger text-white",
            medium: "bg-warning text-dark",
            low: "bg-success text-white",
        }[cell.band];
        return `${band} ${cell.count ? "fw-bold" : "opacity-50"}`;
    }

    cellTitle(cell) {
        return _t("Impact %(impact)s x likelihood %(likelihood)s = %(score)s", {
            impact: cell.impact,
            likelihood: cell.likelihood,
            score: cell.score,
        });
    }

    openCell(cell) {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            name: this.cellTitle(cell),
            res_model: "hc.raid.item",
            domain: cell.domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
            target: "current",
        });
    }
}

registry.category("actions").add("hc_readiness.risk_heat_map", RiskHeatMap);
