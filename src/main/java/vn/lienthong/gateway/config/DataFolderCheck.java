package vn.lienthong.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Before any bean opens the database: an embedded H2 file needs a folder the gateway's user may write, or
 * the start would end in a driver's stack trace. Refuses with the setting that names the folder
 * (gateway.data-dir, or the URL when GATEWAY_DB_URL points elsewhere). Nothing to check on PostgreSQL.
 */
public class DataFolderCheck implements BeanFactoryPostProcessor {
    private static final String H2_FILE = "jdbc:h2:file:";

    private final Environment env;

    public DataFolderCheck(Environment env) {
        this.env = env;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String url = env.getProperty("spring.datasource.url", "");
        if (!url.startsWith(H2_FILE)) {
            return;
        }
        String dataDir = env.getProperty("gateway.data-dir", "\0");
        boolean namedByUrl = env.containsProperty("GATEWAY_DB_URL") || !url.contains(dataDir);
        String setting = namedByUrl ? "spring.datasource.url (GATEWAY_DB_URL)" : "gateway.data-dir (GATEWAY_DATA_DIR)";
        String file = url.substring(H2_FILE.length()).split(";", 2)[0].replaceFirst("^~", System.getProperty("user.home"));
        if (!Path.of(file).isAbsolute() && !file.startsWith("./") && !file.startsWith("../")) {
            // H2 refuses a path relative to the working directory unless it says so: checked before anything is created
            throw new SettingProblemException(setting, "the path " + file + " is relative to the working directory without saying so;"
                    + " give an absolute path or one that starts with ./ (e.g. ./" + (namedByUrl ? file : dataDir) + ")");
        }
        Path folder = Path.of(file).toAbsolutePath().getParent();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new SettingProblemException(setting, folder + " is not a folder");
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new SettingProblemException(setting, "the folder " + folder + " cannot be created (" + e + ")");
        }
        String user = System.getProperty("user.name");
        if (!Files.isWritable(folder)) {
            throw new SettingProblemException(setting, "the folder " + folder + " is not writable by the user " + user
                    + " (the database file lives there)");
        }
        Path database = Path.of(file + ".mv.db").toAbsolutePath();
        if (Files.exists(database) && !Files.isWritable(database)) {
            throw new SettingProblemException(setting, "the database file " + database + " is not writable by the user " + user);
        }
    }
}
