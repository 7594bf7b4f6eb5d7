package dev.vsskit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Who needs each public type of the library modules: a scan of every module's main sources (which file names
 * which type, by import, qualified name, or simple name behind a wildcard import) joined with the public
 * signatures of the types so named (a record a caller gets back from a public method is needed public even if
 * the caller never writes its name). Tests do not count: a type public only for a test in another package
 * belongs beside that test's subject.
 */
final class PublicApiScan {

    /** The modules whose public types are an API to keep small. */
    static final List<String> LIBRARY_MODULES = List.of("eventlog", "vss-core", "ontap-provider", "lab");

    /** Every module whose main code may use a library type. */
    static final List<String> ALL_MODULES = List.of("eventlog", "vss-core", "ontap-provider", "lab", "cli", "dist");

    /** One main source file: where it is and what its code (comments removed) names. */
    record SourceFile(String module, String pkg, String name, boolean publicType, Set<String> qualifiedNames,
            Set<String> wildcardPackages, Set<String> words) {

        String qualifiedType() {
            return pkg + "." + name;
        }

        boolean internal() {
            return isInternal(pkg);
        }

        /** Whether this file's code names {@code pkg.type}: qualified (an import or in code) or behind {@code pkg.*}. */
        boolean names(String typePackage, String simpleName) {
            return qualifiedNames.contains(typePackage + "." + simpleName)
                    || (wildcardPackages.contains(typePackage) && words.contains(simpleName));
        }
    }

    /** Why a public type is needed public: the first users found, or the needed type whose signature shows it. */
    record Need(String type, String module, boolean internal, Set<String> namedFromPackages, Set<String> namedFromModules,
            String inSignatureOf) {
    }

    static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    static final Pattern DOTTED = Pattern.compile("\\b[A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)+");
    static final Pattern WILDCARD_IMPORT = Pattern.compile("^\\s*import\\s+([\\w.]+)\\s*\\.\\s*\\*\\s*;", Pattern.MULTILINE);
    static final Pattern WORD = Pattern.compile("[A-Za-z_$][\\w$]*");

    static boolean isInternal(String pkg) {
        return List.of(pkg.split("\\.")).contains("internal");
    }

    static SourceFile parse(String module, String fileName, String source) {
        String code = withoutComments(source);
        Matcher p = PACKAGE.matcher(code);
        String pkg = p.find() ? p.group(1) : "";
        String name = fileName.endsWith(".java") ? fileName.substring(0, fileName.length() - 5) : fileName;
        boolean publicType = Pattern.compile("(?m)^\\s*public\\s+(?:(?:final|abstract|sealed|non-sealed|static|strictfp)\\s+)*"
                + "(?:class|interface|enum|record|@interface)\\s+" + Pattern.quote(name) + "\\b").matcher(code).find();
        Set<String> qualified = new HashSet<>();
        Matcher d = DOTTED.matcher(code);
        while (d.find()) {
            String dotted = d.group().replaceAll("\\s+", "");
            if (dotted.startsWith("dev.vsskit.")) {
                // Every prefix: dev.vsskit.vss.Foo.Bar.baz names dev.vsskit.vss.Foo (and its nested Bar).
                for (int i = dotted.indexOf('.'); i > 0; i = dotted.indexOf('.', i + 1)) {
                    qualified.add(dotted.substring(0, i));
                }
                qualified.add(dotted);
            }
        }
        Set<String> wildcards = new HashSet<>();
        Matcher w = WILDCARD_IMPORT.matcher(code);
        while (w.find()) {
            wildcards.add(w.group(1));
        }
        Set<String> words = new HashSet<>();
        Matcher t = WORD.matcher(code);
        while (t.find()) {
            words.add(t.group());
        }
        return new SourceFile(module, pkg, name, publicType, qualified, wildcards, words);
    }

    /** The code without its comments; string literals are kept (a class loaded by name is named in one). */
    static String withoutComments(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int n = src.length();
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                int end = src.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                out.append(src, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, n);
                out.append(src, i, j);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    static List<SourceFile> mainSources(Path root, String module) {
        Path dir = root.resolve(module).resolve("src/main/java");
        try (Stream<Path> s = Files.walk(dir)) {
            List<SourceFile> out = new ArrayList<>();
            for (Path file : s.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (!fileName.equals("package-info.java")) {
                    out.add(parse(module, fileName, Files.readString(file)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The types a {@code META-INF/services} file names: public by the ServiceLoader's contract. */
    static Set<String> serviceTypes(Path root) {
        Set<String> out = new HashSet<>();
        for (String module : ALL_MODULES) {
            Path dir = root.resolve(module).resolve("src/main/resources/META-INF/services");
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.toList()) {
                    out.add(f.getFileName().toString());
                    for (String line : Files.readAllLines(f)) {
                        String type = line.replaceAll("#.*", "").strip();
                        if (!type.isEmpty()) {
                            out.add(type);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /**
     * Each public top-level type of the library modules that is needed public, with why. A type is needed when
     * main code of another package ({@code fromOtherModulesOnly}: of another module) names it, when a services file
     * lists it, or when it shows in a public or protected signature of a needed type (a method's return, parameter
     * or exception type, a field, a supertype, a public nested type's members).
     */
    static Map<String, Need> needed(List<SourceFile> all, Set<String> services, boolean fromOtherModulesOnly,
            java.util.function.Function<String, Set<String>> signatureOf) {
        Map<String, SourceFile> candidates = new TreeMap<>();
        for (SourceFile f : all) {
            if (f.publicType() && LIBRARY_MODULES.contains(f.module())) {
                candidates.put(f.qualifiedType(), f);
            }
        }
        Map<String, Need> needed = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>();
        for (SourceFile type : candidates.values()) {
            Set<String> packages = new java.util.TreeSet<>();
            Set<String> modules = new java.util.TreeSet<>();
            for (SourceFile user : all) {
                boolean counts = fromOtherModulesOnly ? !user.module().equals(type.module()) : !user.pkg().equals(type.pkg());
                if (counts && user.names(type.pkg(), type.name())) {
                    packages.add(user.pkg());
                    modules.add(user.module());
                }
            }
            if (!packages.isEmpty() || services.contains(type.qualifiedType())) {
                needed.put(type.qualifiedType(), new Need(type.qualifiedType(), type.module(), type.internal(), packages,
                        modules, services.contains(type.qualifiedType()) ? "META-INF/services" : null));
                pending.add(type.qualifiedType());
            }
        }
        while (!pending.isEmpty()) {
            String owner = pending.poll();
            for (String shown : signatureOf.apply(owner)) {
                SourceFile type = candidates.get(shown);
                if (type != null && !needed.containsKey(shown)) {
                    needed.put(shown, new Need(shown, type.module(), type.internal(), Set.of(), Set.of(), owner));
                    pending.add(shown);
                }
            }
        }
        return needed;
    }

    /** The signature look-up {@link #needed} uses on the real tree: the compiled classes on this classpath. */
    static java.util.function.Function<String, Set<String>> compiledSignatures(ClassLoader loader) {
        return name -> signatureTypes(load(name, loader));
    }

    static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " has a source file but no class on cli's test classpath", e);
        }
    }

    /** The top-level classes (names) in the public and protected signatures of {@code type} and its public nested types. */
    static Set<String> signatureTypes(Class<?> type) {
        Set<String> out = new HashSet<>();
        Deque<Class<?>> classes = new ArrayDeque<>(List.of(type));
        while (!classes.isEmpty()) {
            Class<?> c = classes.poll();
            addAll(out, c.getGenericSuperclass());
            addAll(out, c.getGenericInterfaces());
            addAll(out, c.getTypeParameters());
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (exposed(k.getModifiers()) && !k.isSynthetic()) {
                    addAll(out, k.getGenericParameterTypes());
                    addAll(out, k.getGenericExceptionTypes());
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (exposed(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    addAll(out, m.getGenericReturnType());
                    addAll(out, m.getGenericParameterTypes());
                    addAll(out, m.getGenericExceptionTypes());
                    addAll(out, m.getTypeParameters());
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (exposed(f.getModifiers()) && !f.isSynthetic()) {
                    addAll(out, f.getGenericType());
                }
            }
            for (Class<?> nested : c.getDeclaredClasses()) {
                if (exposed(nested.getModifiers())) {
                    classes.add(nested);
                }
            }
        }
        return out;
    }

    private static boolean exposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void addAll(Set<String> out, Type... types) {
        for (Type t : types) {
            add(out, t, new HashSet<>());
        }
    }

    private static void add(Set<String> out, Type t, Set<Type> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        if (t instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            while (c.getEnclosingClass() != null) {
                c = c.getEnclosingClass();
            }
            out.add(c.getName());
        } else if (t instanceof ParameterizedType p) {
            add(out, p.getRawType(), seen);
            for (Type a : p.getActualTypeArguments()) {
                add(out, a, seen);
            }
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                add(out, b, seen);
            }
            for (Type b : w.getLowerBounds()) {
                add(out, b, seen);
            }
        } else if (t instanceof GenericArrayType g) {
            add(out, g.getGenericComponentType(), seen);
        } else if (t instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                add(out, b, seen);
            }
        }
    }

    private PublicApiScan() {
    }
}
