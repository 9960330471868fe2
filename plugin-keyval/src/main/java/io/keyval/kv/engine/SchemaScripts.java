package io.keyval.kv.engine;

import java.util.List;

/**
 * The versioned schema scripts of one capability, applied in order by {@link Migrations}: resources
 * {@code db/<capability>/<engine>/V<nnn>__<name>.sql}, one per engine, numbered from 1 within the
 * capability. A new version is a new script appended here; an applied script is never edited.
 *
 * @param capability the capability's name, e.g. {@code store}, {@code metrics}
 * @param scripts the script names without {@code .sql}, in version order, e.g. {@code V001__entries}
 */
public record SchemaScripts(String capability, List<String> scripts) {

    /**
     * @param capability the capability's name
     * @param scripts the script names, in version order
     */
    public SchemaScripts {
        scripts = List.copyOf(scripts);
        for (int i = 0; i < scripts.size(); i++) {
            if (version(scripts.get(i)) != i + 1) {
                throw new IllegalArgumentException(capability + " script " + scripts.get(i) + " should be version " + (i + 1));
            }
        }
    }

    /** @return the version number of a script name {@code V<nnn>__<name>} */
    static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }
}
