package io.enhancer.connector.dam.directus;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code enhancer directus setup --url URL --token ADMIN_TOKEN --webhook-url URL [...]}; no Spring context needed. */
public final class DirectusCommand {
  static final String USAGE = """
      usage: enhancer directus setup --url URL --token ADMIN_TOKEN --webhook-url URL
                                     [--connector-email enhancer@example.com] [--connector-token TOKEN]
                                     [--folder enhanced] [--secret-env ENHANCER_WEBHOOK_SECRET]
        --url            Directus base URL (or DIRECTUS_URL)
        --token          an admin's static token (or DIRECTUS_ADMIN_TOKEN)
        --webhook-url    where the Flow posts uploads: <connector>/webhooks/directus
        --secret-env     Directus env variable holding the JWT secret (must be in FLOWS_ENV_ALLOW_LIST);
                         give the connector the same value as DIRECTUS_WEBHOOK_SECRET""";

  private DirectusCommand() {}

  /** Exit code: 0 done, 1 Directus refused or failed, 2 bad arguments. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    List<String> rest = Arrays.asList(args).subList(Math.min(args.length, 1), args.length);
    if (rest.isEmpty() || !rest.get(0).equals("setup")) {
      err.println(USAGE);
      return 2;
    }
    DirectusSetup.Options options;
    try {
      options = DirectusSetup.Options.parse(rest.subList(1, rest.size()), env);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      DirectusSetup.Result result = DirectusSetup.connect(options, err).run(options);
      out.println("DIRECTUS_URL=" + options.url());
      out.println("DIRECTUS_TOKEN=" + result.connectorToken());
      out.println("DIRECTUS_ENHANCED_FOLDER=" + options.folder());
      out.println("# connector user " + result.connectorUserId() + ", folder " + result.folderId() + ", flow "
          + result.flowId());
      out.println("# DIRECTUS_WEBHOOK_SECRET must equal Directus' " + options.secretEnv() + " (32+ characters)");
      return 0;
    } catch (DirectusException e) {
      err.println("directus setup failed: " + e.getMessage());
      return 1;
    }
  }
}
