#!/bin/sh
# certbot deploy hook for craftchat-server: after every issue or renewal, copy the certificate
# chain and key where the service user can read them, then let the server re-read them
# (SIGHUP, no restart, open connections stay). Use with
#   certbot certonly --standalone -d chat.example.com \
#     --deploy-hook /usr/local/share/craftchat/certbot-deploy-hook.sh
# and in /etc/craftchat/craftchat-server.env:
#   CRAFTCHAT_TLS_CERT=/etc/craftchat/tls/fullchain.pem
#   CRAFTCHAT_TLS_KEY=/etc/craftchat/tls/privkey.pem
set -eu
: "${RENEWED_LINEAGE:?run by certbot as --deploy-hook}"
target=/etc/craftchat/tls
install -d -m 0750 -o root -g craftchat "$target"
install -m 0644 -o root -g craftchat "$RENEWED_LINEAGE/fullchain.pem" "$target/fullchain.pem.new"
install -m 0640 -o root -g craftchat "$RENEWED_LINEAGE/privkey.pem" "$target/privkey.pem.new"
mv -f "$target/fullchain.pem.new" "$target/fullchain.pem"
mv -f "$target/privkey.pem.new" "$target/privkey.pem"
if systemctl is-active --quiet craftchat-server; then
  systemctl reload craftchat-server
fi
