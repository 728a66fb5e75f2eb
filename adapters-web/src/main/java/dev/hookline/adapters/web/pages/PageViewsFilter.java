package dev.hookline.adapters.web.pages;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.views.ViewsFilter;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.ViewsRendererLocator;
import io.micronaut.views.ViewsResolver;
import io.micronaut.views.turbo.TurboFrameRenderer;
import jakarta.inject.Inject;

/**
 * micronaut-views' filter, which renders the {@code ModelAndView} bodies of the pages, on every path
 * except the JSON API under {@code /v1}. The library maps it to {@code /**}; it is a reactive filter,
 * so every API request (every publish) went through Reactor for a body it never renders.
 */
@Replaces(ViewsFilter.class)
@Filter(patternStyle = FilterPatternStyle.REGEX, value = "^(?!/v1(/|$)).*")
public class PageViewsFilter extends ViewsFilter {

    @Inject
    public PageViewsFilter(ViewsResolver viewsResolver, ViewsRendererLocator viewsRendererLocator,
                           ViewsModelDecorator viewsModelDecorator, TurboFrameRenderer turboFrameRenderer) {
        super(viewsResolver, viewsRendererLocator, viewsModelDecorator, turboFrameRenderer);
    }
}
