package io.enhancer.connector.config;

import io.enhancer.connector.security.ApiKeyFilter;
import io.enhancer.connector.security.ApiKeys;
import io.enhancer.connector.security.RoleInterceptor;
import io.enhancer.connector.security.SecurityHeaders;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Security headers, API-key authentication, role checks, and the admin UI's static files at /admin/. */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {
  private final EnhancerProperties properties;

  WebConfig(EnhancerProperties properties) {
    this.properties = properties;
  }

  @Bean
  SecurityHeaders securityHeaders(Environment environment) {
    return new SecurityHeaders(List.of(environment.getProperty("enhancer.public-base-url", ""),
        environment.getProperty("enhancer.s3.public-base-url", "")));
  }

  /** First of all filters, so answers the key check refuses carry the headers too. */
  @Bean
  FilterRegistrationBean<SecurityHeaders> securityHeadersFilter(SecurityHeaders headers) {
    FilterRegistrationBean<SecurityHeaders> registration = new FilterRegistrationBean<>(headers);
    registration.addUrlPatterns("/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys) {
    FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys));
    registration.addUrlPatterns("/*");
    registration.setOrder(10);
    return registration;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new RoleInterceptor()).addPathPatterns("/api/**");
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    // A configured folder (ENHANCER_ADMIN_UI_DIR) wins over the files packaged on the classpath.
    var admin = registry.addResourceHandler("/admin/**");
    if (properties.adminUiDir() != null) {
      admin.addResourceLocations(properties.adminUiDir().toAbsolutePath().toUri().toString());
    }
    admin.addResourceLocations("classpath:/static/admin/");
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/admin", "/admin/");
    registry.addViewController("/admin/").setViewName("forward:/admin/index.html");
  }
}
