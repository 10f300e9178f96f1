/**
 * Message templates: JMustache templates per notification kind, channel and locale (with overrides from a directory),
 * compiled once, and the preview endpoint that renders one with sample data.
 */
package io.herald.notification.template;
