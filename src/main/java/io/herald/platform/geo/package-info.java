/** Geographic value types in plain Java, shared by the algorithm packages. */
package io.herald.platform.geo;
