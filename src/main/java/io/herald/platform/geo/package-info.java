/** Geographic value types in plain Java, shared by the algorithm packages. */
@NamedInterface("geo")
package io.herald.platform.geo;

import org.springframework.modulith.NamedInterface;
