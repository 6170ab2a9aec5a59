package io.tributary.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packs {@link FakeService} into an executable jar, as a service's jar is run. */
final class FakeServiceJar {

    private FakeServiceJar() {
    }

    static Path create(Path directory) throws IOException, URISyntaxException {
        Path classes = Path.of(FakeService.class.getResource("FakeService.class").toURI()).getParent();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        Path jar = directory.resolve("fake-service-exec.jar");
        String packagePath = FakeService.class.getPackageName().replace('.', '/') + "/";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> listing = Files.list(classes)) {
            List<Path> fakeClasses = listing
                    .filter(path -> path.getFileName().toString().startsWith(FakeService.class.getSimpleName()))
                    .filter(path -> path.getFileName().toString().endsWith(".class"))
                    .toList();
            for (Path fakeClass : fakeClasses) {
                out.putNextEntry(new JarEntry(packagePath + fakeClass.getFileName()));
                out.write(Files.readAllBytes(fakeClass));
                out.closeEntry();
            }
        }
        return jar;
    }
}
