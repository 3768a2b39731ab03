// craftchat-test-pki DIR: writes a fresh test CA and a server certificate for localhost into
// DIR (cert.pem = chain, key.pem, ca.pem), for the interop test over TLS and the benchmark.
// Test tooling only: the key is made now and never committed.
#include "tests/tls/testpki.h"

#include <QCoreApplication>
#include <QDir>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() != 2) {
        std::fprintf(stderr, "usage: craftchat-test-pki DIR\n");
        return 2;
    }
    const QString dir = arguments.at(1);
    if (!QDir().mkpath(dir)) {
        std::fprintf(stderr, "craftchat-test-pki: cannot create %s\n", qPrintable(dir));
        return 1;
    }
    const auto pki = craftchat::testsupport::makeTestPki();
    if (!pki) {
        std::fprintf(stderr, "craftchat-test-pki: making the certificates failed\n");
        return 1;
    }
    const auto files = craftchat::testsupport::writeTestPki(*pki, dir);
    if (!files) {
        std::fprintf(stderr, "craftchat-test-pki: cannot write into %s\n", qPrintable(dir));
        return 1;
    }
    std::printf("%s\n%s\n%s\n", qPrintable(files->certificate), qPrintable(files->key), qPrintable(files->ca));
    return 0;
}
