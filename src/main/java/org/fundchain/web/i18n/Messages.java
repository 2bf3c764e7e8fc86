package org.fundchain.web.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Portal texts from the {@code messages} bundle in the viewer's language, for beans that add Faces messages. */
@ApplicationScoped
public class Messages {
    static final String BUNDLE = "org.fundchain.web.messages";

    public Locale locale() {
        FacesContext fc = FacesContext.getCurrentInstance();
        return fc != null && fc.getViewRoot() != null ? fc.getViewRoot().getLocale() : Locale.SIMPLIFIED_CHINESE;
    }

    public String text(String key, Object... args) {
        return text(locale(), key, args);
    }

    public String text(Locale locale, String key, Object... args) {
        try {
            String pattern = ResourceBundle.getBundle(BUNDLE, locale).getString(key);
            return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    public FacesMessage error(String key, Object... args) {
        return new FacesMessage(FacesMessage.SEVERITY_ERROR, text(key, args), null);
    }

    public FacesMessage info(String key, Object... args) {
        return new FacesMessage(FacesMessage.SEVERITY_INFO, text(key, args), null);
    }
}
