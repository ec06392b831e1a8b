import { drag } from "@odoo/hoot-dom";
import { registry } from "@web/core/registry";
import { pickRecord } from "@hc_base/../tests/tour_utils";
import { stepUtils } from "@web_tour/tour_utils";

/* A trainer plans a night-shift session by selecting tomorrow 02:00-03:00 in the calendar
 * (browser time = UTC, the site's timezone in the test), invites who needs the step, marks
 * attendance and closes the session. */
registry.category("web_tour.tours").add("hc_training_session_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="hc_training.hc_training_menu_root"]',
            run: "click",
        },
        {
            trigger: 'button[data-menu-xmlid="hc_training.hc_training_menu_training"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="hc_training.hc_training_menu_sessions"]',
            run: "click",
        },
        {
            content: "The sessions calendar is open",
            trigger: ".o_breadcrumb:contains(Sessions)",
        },
        {
            content: "Scroll the calendar to the night",
            trigger: '.o_calendar_view .fc-timegrid-slot-lane[data-time="02:00:00"]',
            run() {
                this.anchor.scrollIntoView({ block: "center" });
            },
        },
        {
            content: "Select tomorrow 02:00-03:00 in the calendar",
            trigger: '.o_calendar_view .fc-timegrid-slot-lane[data-time="02:00:00"]',
            async run() {
                const from = this.anchor;
                const to = document.querySelector(
                    '.o_calendar_view .fc-timegrid-slot-lane[data-time="03:00:00"]'
                );
                // the column of tomorrow, or of today on the last day of the week
                const day = (offset) =>
                    document.querySelector(
                        `.fc-col-header-cell.fc-day[data-date="${luxon.DateTime.now()
                            .plus({ days: offset })
                            .toISODate()}"]`
                    );
                const column = (day(1) || day(0)).getBoundingClientRect();
                const x = column.left - from.getBoundingClientRect().left + column.width / 2;
                const at = { position: { x, y: 2 }, relative: true };
                const { moveTo, drop } = await drag(from, at);
                await moveTo(to, at);
                await drop(to, at);
            },
        },
        {
            content: "The session form opens on the slot, in the night shift",
            trigger: ".o_form_view div[name=shift_id] input:value(TNS Night)",
        },
        ...pickRecord(".o_form_view div[name=step_id]", "Tour night receiving"),
        {
            trigger: ".o_form_view div[name=location] input",
            run: "edit Night stores bay",
        },
        {
            content: "Schedule it",
            trigger: ".o_form_view button[name=action_schedule]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Scheduled)",
        },
        {
            content: "Invite who still needs the step",
            trigger: ".o_form_view button[name=action_invite_missing]",
            run: "click",
        },
        {
            content: "The night-shift storekeeper is invited",
            trigger: "div[name=attendee_ids] .o_data_row:contains(Tour Nora Night)",
        },
        {
            content: "She was there",
            trigger:
                "div[name=attendee_ids] .o_data_row:contains(Tour Nora Night) button[name=action_mark_present]",
            run: "click",
        },
        {
            trigger:
                "div[name=attendee_ids] .o_data_row:contains(Tour Nora Night) td[name=attendance]:contains(Present)",
        },
        {
            content: "Close the session",
            trigger: ".o_form_view button[name=action_mark_done]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
    ],
});
