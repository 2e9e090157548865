package org.ecoplan.web.input;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text that, when given, says something: a name, label, unit or reason of spaces only is refused (leave the
 * field out instead). Unlike {@code @NotBlank} it lets null through (pair it with {@code @NotNull} for a
 * required field) and it counts every Unicode space as blank, the full-width U+3000 of Chinese input included.
 */
@Documented
@Constraint(validatedBy = NotBlankWhenPresent.Validator.class)
@Target({ FIELD, METHOD, PARAMETER, TYPE_USE })
@Retention(RUNTIME)
public @interface NotBlankWhenPresent {

    String message() default "must not be blank / 不能为空白";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<NotBlankWhenPresent, CharSequence> {

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || !Text.isBlank(value);
        }
    }
}
