/**
 * Steps shared by the suite's tours.
 */

import { browser } from "@web/core/browser/browser";
import { stepUtils } from "@web_tour/tour_utils";

/**
 * Choose a record in a many2one field by typing part of its name, as a user does.
 *
 * Clicking the input already opens a list of suggestions (the first records, unfiltered); the
 * search for the typed text runs after a debounce. A tour that picks from the first list leaves
 * that search pending: it reopens the dropdown after the choice, over whatever the tour does next.
 * So the tour waits until every suggested record matches the typed text, which only the search
 * for it can show, then picks the record and waits until the field displays it.
 *
 * @param {string} field selector of the field widget, e.g. ".modal div[name=site_id]"
 * @param {string} text the text to type
 * @param {string} [label] the name of the record to choose, when longer than the typed text
 */
export function pickRecord(field, text, label = text) {
    return [
        {
            content: `Type "${text}" in ${field}`,
            trigger: `${field} input`,
            run: `edit ${text}`,
        },
        {
            content: `Wait for the suggestions for "${text}"`,
            trigger: `.o-autocomplete--dropdown-menu:not(:has(.o-autocomplete--dropdown-item:not(.o_m2o_dropdown_option):not(:contains(${text}))))`,
        },
        {
            content: `Choose ${label}`,
            trigger: `.o-autocomplete--dropdown-item .dropdown-item:contains(${label})`,
            run: "click",
        },
        {
            trigger: `${field} input:value(${label})`,
        },
    ];
}

/**
 * Open an app from the home menu and wait for its navbar.
 *
 * @param {string} xmlid the app's root menu, e.g. "hc_training.hc_training_menu_root"
 * @param {string} label the app's name, for the step's description
 */
export function openApp(xmlid, label) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: `Open ${label}`,
            trigger: `.o_app[data-menu-xmlid="${xmlid}"]`,
            run: "click",
        },
        { trigger: ".o_main_navbar .o_menu_brand" },
    ];
}

/**
 * Open a menu of the current app's navbar and wait for what it opens.
 *
 * @param {string} section the navbar menu: a section holding ``item``, or the menu itself
 * @param {string|null} item the menu inside the section's dropdown, or null when ``section`` opens
 *      the action itself
 * @param {string} [title] what must be shown: a breadcrumb's text, or a CSS selector when it
 *      starts with "."; none: a dialog's form (a wizard)
 */
export function openMenu(section, item, title) {
    const steps = [
        {
            content: `Open ${section}`,
            trigger: `.o_main_navbar [data-menu-xmlid="${section}"]`,
            run: "click",
        },
    ];
    if (item) {
        steps.push({
            content: `Open ${item}`,
            trigger: `.dropdown-menu [data-menu-xmlid="${item}"]`,
            run: "click",
        });
    }
    if (!title) {
        steps.push({ content: "The wizard is open", trigger: ".modal .o_form_view" });
    } else if (title.startsWith(".")) {
        steps.push({ content: `${title} is shown`, trigger: title });
    } else {
        steps.push({ content: `${title} is shown`, trigger: `.o_breadcrumb:contains(${title})` });
    }
    return steps;
}

/**
 * Click a button whose action downloads a file (an ``ir.actions.act_url`` to a
 * ``?download=true`` URL opened in the same tab) and check the download: the URL the action
 * opens is fetched in the user's session instead of navigating to it (a headless browser keeps
 * no download, and the tour takes the navigation for a page unload), and must answer with the
 * file (the test opens it with openpyxl).
 */
export function clickDownload(content, trigger) {
    return {
        content,
        trigger,
        async run() {
            const location = Object.getOwnPropertyDescriptor(browser, "location");
            const opened = new Promise((resolve) => {
                // the real location, but for assign(): the router keeps reading it meanwhile
                const proxy = new Proxy(
                    {},
                    {
                        get(target, key) {
                            if (key === "assign") {
                                return resolve;
                            }
                            const value = window.location[key];
                            return typeof value === "function" ? value.bind(window.location) : value;
                        },
                    }
                );
                Object.defineProperty(browser, "location", {
                    get: () => proxy,
                    configurable: true,
                });
            });
            let url;
            try {
                this.anchor.click();
                url = await opened;
            } finally {
                Object.defineProperty(browser, "location", location);
            }
            const response = await fetch(url);
            const type = response.headers.get("Content-Type") || "";
            // an xlsx file is a zip archive: served as one or as a spreadsheet
            if (!response.ok || !/spreadsheetml|zip/.test(type)) {
                throw new Error(`The download ${url} failed: ${response.status} ${type}`);
            }
        },
    };
}
