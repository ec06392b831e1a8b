/**
 * Steps shared by the suite's tours.
 */

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
