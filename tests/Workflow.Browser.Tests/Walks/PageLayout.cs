using Microsoft.Playwright;

namespace Workflow.Browser.Tests.Walks;

/// <summary>
/// What a person sees go wrong on a page at a given width: the page scrolling sideways, a table scrolling sideways inside
/// its box, and text cut — a drop-down whose chosen option does not fit ("HTXS"), a button, label, heading, badge or
/// table header whose text overflows its box. Diagrams and form designers are left out (they pan by design), and so
/// are elements that truncate on purpose with an ellipsis and the whole text in their title.
/// </summary>
public static class PageLayout
{
    private const string Script = """
        () => {
          const problems = [];
          const root = document.documentElement;
          if (root.scrollWidth > window.innerWidth + 1) problems.push(`the page is ${root.scrollWidth}px wide in a ${window.innerWidth}px window`);
          const shown = (el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'
              && !el.closest('.visually-hidden, .modal:not(.show), .dropdown-menu:not(.show), .collapse:not(.show), .toast');
          };
          const skip = (el) => el.closest('.djs-container, .fjs-container, .bio-properties-panel, .text-truncate[title], [data-allow-cut]');
          const name = (el) => {
            const id = el.id ? `#${el.id}` : el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : '';
            return `${el.tagName.toLowerCase()}${id} "${(el.innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 50)}"`;
          };
          const context = document.createElement('canvas').getContext('2d');
          for (const select of document.querySelectorAll('select')) {
            const option = select.selectedOptions[0];
            if (!option || select.multiple || select.size > 1 || !shown(select) || skip(select)) continue;
            const style = getComputedStyle(select);
            context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const need = context.measureText(option.text.trim()).width;
            const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            if (need > room + 2) problems.push(`cut: select${select.id ? `#${select.id}` : `[name=${select.name}]`} shows "${option.text.trim()}" in ${Math.floor(room)}px, needs ${Math.ceil(need)}px`);
          }
          for (const el of document.querySelectorAll('button, a.btn, label, th, .badge, .nav-link, h1, h2, h3, .card-title')) {
            if (!shown(el) || skip(el)) continue;
            if (el.scrollWidth > el.clientWidth + 2 && getComputedStyle(el).overflowX !== 'auto') problems.push(`cut: ${name(el)} needs ${el.scrollWidth}px, has ${el.clientWidth}px`);
          }
          for (const box of document.querySelectorAll('.table-responsive')) {
            if (shown(box) && !skip(box) && box.scrollWidth > box.clientWidth + 2) problems.push(`a table scrolls sideways (${box.scrollWidth}px in ${box.clientWidth}px): ${name(box.querySelector('th') ?? box)}`);
          }
          return problems;
        }
        """;

    /// <summary>The problems of the page as it stands, each prefixed with <paramref name="where"/>.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page, string where) =>
        [.. (await page.EvaluateAsync<string[]>(Script)).Select(p => $"{where}: {p}")];
}
