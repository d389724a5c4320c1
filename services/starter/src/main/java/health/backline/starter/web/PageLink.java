package health.backline.starter.web;

/** One of a service's pages in its top bar ({@code backline/page.html}): where it is, and its name. */
public record PageLink(String path, String name) {
}
