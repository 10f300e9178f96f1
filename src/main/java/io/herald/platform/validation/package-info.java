/** Bean Validation constraints shared by the modules' requests (phone numbers, locales, time zones, ...). */
@NamedInterface("validation")
package io.herald.platform.validation;

import org.springframework.modulith.NamedInterface;
