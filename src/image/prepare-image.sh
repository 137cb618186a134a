#!/usr/bin/env bash
# Lays out the container image's file tree, which Jib then packs (mvn -Pimage package; docs/deployment.md):
#   OUT/rootfs  a Java 17 runtime made with jlink from the building JDK (/opt/java), the shared libraries it
#               links (glibc, libstdc++, zlib: from the building machine), /etc/passwd with the gateway's user,
#               /tmp and the empty /data
#   OUT/app     the Spring Boot jar extracted (java -Djarmode=tools extract), config/jvm.options, mappings/,
#               and app.jsa: the class-data sharing archive of a training start with that runtime
# No registry of container base images is reachable from the build machines, so the image starts from scratch.
# usage: prepare-image.sh JAR OUT JAVA_HOME PROJECT_DIR
set -euo pipefail

jar=$(realpath "$1")
out=$(realpath -m "$2")
jdk=$(realpath "$3")
project=$(realpath "$4")
rootfs="$out/rootfs"
app="$out/app"
if ! grep -q '^JAVA_VERSION="17' "$jdk/release" 2>/dev/null || [ ! -d "$jdk/jmods" ]; then
  echo "the image is made from a Java 17 JDK with jmods (jlink); Maven runs on $jdk: set JAVA_HOME to one" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/data" "$app"

# The runtime: the Java SE modules plus the JDK ones the gateway or an operator needs (Unsafe for Caffeine and
# Netty's kin, EC keys for TLS, JMX remote agent, jcmd/JFR for diagnosis, DNS, zip file system, charsets).
"$jdk/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,\
jdk.management.agent,jdk.management.jfr,jdk.jfr,jdk.jcmd,jdk.naming.dns,jdk.zipfs,jdk.charsets,jdk.localedata,\
jdk.net,jdk.security.auth,jdk.httpserver \
  --include-locales=en,vi --strip-debug --no-man-pages --no-header-files --generate-cds-archive \
  --output "$rootfs/opt/java"
# Debian's JDK keeps the CA bundle outside the JDK (a link into /etc): the image gets the file itself.
cacerts="$rootfs/opt/java/lib/security/cacerts"
if [ ! -s "$cacerts" ] || [ -L "$cacerts" ]; then
  rm -f "$cacerts"
  cp -L "$jdk/lib/security/cacerts" "$cacerts"
fi

# Every shared library the runtime's binaries load, copied (not linked) to the path the loader looks in; the
# desktop libraries (AWT, fonts, sound, images: java.beans needs the module, never its native code) are left out.
find "$rootfs/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -not -regex '.*/lib\(awt\|jawt\|fontmanager\|jsound\|splashscreen\|lcms\|javajpeg\|mlib_image\).*' -print0 |
  xargs -0 ldd 2>/dev/null | awk '/=> \// {print $3} /^\s*\/lib/ {print $1}' | grep -v "^$rootfs" | sort -u |
  while read -r lib; do
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
  done
# The program interpreter, at the path every ELF binary names.
interp=$(readelf -l "$rootfs/opt/java/bin/java" | sed -n 's/.*interpreter: \(.*\)]/\1/p')
mkdir -p "$rootfs$(dirname "$interp")"
cp -L "$interp" "$rootfs$interp"

# The gateway's user: uid 10001 in group 0, so it writes where the group may (/data, /tmp) on any uid an
# orchestrator assigns; nothing else in the image is writable.
printf 'root:x:0:0:root:/root:/sbin/nologin\ngateway:x:10001:0:lienthong-gateway:/data:/sbin/nologin\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\n' > "$rootfs/etc/group"
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"

# The application, extracted so the class path is plain jars (class-data sharing archives only jars).
"$jdk/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$app.tmp"
mv "$app.tmp"/*.jar "$app/lienthong-gateway.jar"
mv "$app.tmp/lib" "$app/lib"
rm -rf "$app.tmp"
cp "$project/config/jvm.options" "$app/jvm.options"
cp -r "$project/mappings" "$app/mappings"
# Jib gives every file of the image the same time (1970-01-01T00:00:01Z); the archive records each jar's time
# and size and is only used while they match, so the training run sees the jars as the image will.
find "$app" -type f -exec touch -d @1 {} +

# Training start (the same as on a virtual machine, config/cds-archive.sh): the gateway starts with the image's
# runtime, flags and working directory and throw-away settings, and writes the archive of every class it loaded
# until it answered its own readiness probe (it then exits; a start that never gets ready makes no archive).
(cd "$app" && "$project/config/cds-archive.sh" "$rootfs/opt/java/bin/java" app.jsa)
mv "$app/app.jsa.log" "$out/training.log"
test -s "$app/app.jsa" || { echo "the training start made no class-data sharing archive: $out/training.log" >&2; exit 1; }
touch -d @1 "$app/app.jsa"
echo "image tree ready in $out: runtime $(du -sm "$rootfs" | cut -f1) MB, application $(du -sm "$app" | cut -f1) MB"
