package org.fundchain.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import jakarta.faces.application.ProtectedViewException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;

/**
 * Turns a {@link ProtectedViewException} (a protected view requested without the session's token) into a
 * redirect to the notice page {@code /protected.xhtml?view=...} instead of a server error. Registered in
 * faces-config; every other exception goes on to the default handler.
 */
public class ProtectedViewHandling extends ExceptionHandlerFactory {

    public ProtectedViewHandling(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    static final class Handler extends ExceptionHandlerWrapper {
        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            Iterator<ExceptionQueuedEvent> it = getUnhandledExceptionQueuedEvents().iterator();
            while (it.hasNext()) {
                if (isProtectedView(it.next().getContext().getException())) {
                    it.remove();
                    redirectToNotice(FacesContext.getCurrentInstance());
                }
            }
            getWrapped().handle();
        }

        private static boolean isProtectedView(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof ProtectedViewException) {
                    return true;
                }
            }
            return false;
        }

        private static void redirectToNotice(FacesContext fc) {
            ExternalContext ec = fc.getExternalContext();
            String path = ec.getRequestServletPath() + (ec.getRequestPathInfo() == null ? "" : ec.getRequestPathInfo());
            try {
                ec.redirect(ec.getRequestContextPath() + "/protected.xhtml?view="
                        + URLEncoder.encode(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            fc.responseComplete();
        }
    }
}
