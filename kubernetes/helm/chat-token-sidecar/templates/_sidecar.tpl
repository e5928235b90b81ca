{{/*
The named templates a parent chart includes to run the sidecar in its own pod
(docs/kubernetes.md, "Install with Helm: embedded in your own chart"; example: kubernetes/helm/examples/shop).
Each takes this chart's scope; in a parent chart: {{- $sidecar := index .Subcharts "chat-token-sidecar" }}

  chat-token-sidecar.podAnnotations      the config checksum annotation (pod template metadata.annotations)
  chat-token-sidecar.podSecurityContext  fsGroup, so that the sidecar can read its 0440 key files (spec.securityContext)
  chat-token-sidecar.initContainers      the sidecar when nativeSidecar=true, else nothing (spec.initContainers)
  chat-token-sidecar.containers          the sidecar when nativeSidecar=false, else nothing (spec.containers, after yours)
  chat-token-sidecar.volumes             its ConfigMap, /tmp, an empty directory in place of the service-account token
                                         and one volume per active profile's Secret (spec.volumes)
  chat-token-sidecar.configMap           the ConfigMap (this chart renders it itself: templates/configmap.yaml)
  chat-token-sidecar.configuration       the ConfigMap's application.yaml, alone
  chat-token-sidecar.container           the sidecar container itself (what initContainers/containers wrap)
  chat-token-sidecar.apiUrl              http://127.0.0.1:<ports.api>, for the app's CHAT_TOKEN_SIDECAR_URL
The pod itself should set enableServiceLinks: false and, unless the app needs it, automountServiceAccountToken: false.
*/}}

{{/*
The sidecar's application.yaml. It is built as a data structure and written by toYaml: every name that comes from the
values (a profile, a claim, a header member) is a YAML key of its own map and every value a YAML scalar, so no text of
the values can start another key, however it is spelt (a name with a line break stays one key, inside its profile).
The names are checked as well (chat-token-sidecar.checkName), for values that never met values.schema.json.
The listeners are not in this file: the container's environment fixes them (chat-token-sidecar.container).
toYaml sorts the keys and nothing time- or chance-dependent is rendered, so the same values always give the same
bytes, and the checksum below changes only when the configuration does.
*/}}
{{- define "chat-token-sidecar.configuration" -}}
{{- $active := include "chat-token-sidecar.activeProfileNames" . | fromJsonArray }}
{{- $chatToken := dict "active" $active "reload-interval" .Values.reloadInterval }}
{{- if .Values.callerToken.secretName }}
{{- $_ := set $chatToken "caller-token-file" (printf "%s/%s" (include "chat-token-sidecar.callerTokenDir" .) .Values.callerToken.key) }}
{{- end }}
{{- if .Values.audit.userKey.secretName }}
{{- $_ := set $chatToken "audit" (dict "user-key-file" (printf "%s/%s" (include "chat-token-sidecar.auditKeyDir" .) .Values.audit.userKey.key)) }}
{{- end }}
{{- $profiles := dict }}
{{- range $name := $active }}
{{- $profile := index $.Values.profiles $name }}
{{- $settings := dict "vendor" $profile.vendor "key-file" (printf "%s/%s" (include "chat-token-sidecar.keyDir" $name) $profile.secret.key) }}
{{- with $profile.keyIdKey }}
{{- $_ := set $settings "key-id-file" (printf "%s/%s" (include "chat-token-sidecar.keyDir" $name) .) }}
{{- end }}
{{- /* Every other value is an option of the profile's vendor (values.schema.json says which), under its kebab-case
name (keyId is key-id); a list stays a list, a map's members (options, header, claims) keep their names. */}}
{{- range $key, $value := omit $profile "vendor" "active" "secret" "keyIdKey" }}
{{- include "chat-token-sidecar.checkName" (list (printf "profiles.%s" $name) $key "chat-token-sidecar.optionNamePattern") }}
{{- if kindIs "map" $value }}
{{- range $member, $_ := $value }}
{{- include "chat-token-sidecar.checkName" (list (printf "profiles.%s.%s" $name $key) $member "chat-token-sidecar.memberNamePattern") }}
{{- end }}
{{- end }}
{{- $_ := set $settings (kebabcase $key) $value }}
{{- end }}
{{- $_ := set $profiles $name $settings }}
{{- end }}
{{- $_ := set $chatToken "profiles" $profiles }}
{{- $configuration := dict "chat-token" $chatToken }}
{{- /* The vendor APIs' network (docs/vendor-apis.md): each setting only when given, so that without them the
sidecar keeps its defaults (the environment's HTTPS_PROXY and NO_PROXY, the system's CA bundle, no Redis). */}}
{{- $upstream := dict }}
{{- with .Values.upstream.httpsProxy }}
{{- $_ := set $upstream "https-proxy" . }}
{{- end }}
{{- with .Values.upstream.noProxy }}
{{- $_ := set $upstream "no-proxy" . }}
{{- end }}
{{- if .Values.upstream.trustStore.configMapName }}
{{- $_ := set $upstream "trust-store" (printf "%s/%s" (include "chat-token-sidecar.trustStoreDir" .) .Values.upstream.trustStore.key) }}
{{- end }}
{{- if $upstream }}
{{- $_ := set $chatToken "upstream" $upstream }}
{{- end }}
{{- with .Values.upstream.redis.hosts }}
{{- $_ := set $configuration "quarkus" (dict "redis" (dict "hosts" .)) }}
{{- end -}}
# Rendered by the chat-token-sidecar Helm chart from its values: change the values, not this file.
# Ordinal 270: above the image's built-in application.properties (250), below environment variables (300).
config_ordinal: 270
{{ toYaml $configuration }}
{{- end -}}

{{- define "chat-token-sidecar.configMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "chat-token-sidecar.fullname" . }}
  labels:
    {{- include "chat-token-sidecar.labels" . | nindent 4 }}
data:
  application.yaml: |
    {{- include "chat-token-sidecar.configuration" . | nindent 4 }}
{{- end -}}

{{/*
A changed configuration rolls the pods: the sidecar reads its configuration once, at startup. The checksum is the
SHA-256 of the file as mounted (with its final newline): `sha256sum application.yaml` in the pod matches it.
*/}}
{{- define "chat-token-sidecar.podAnnotations" -}}
checksum/chat-token-sidecar-config: {{ printf "%s\n" (include "chat-token-sidecar.configuration" .) | sha256sum }}
{{- end -}}

{{- define "chat-token-sidecar.podSecurityContext" -}}
{{- toYaml .Values.podSecurityContext }}
{{- end -}}

{{- define "chat-token-sidecar.initContainers" -}}
{{- if .Values.nativeSidecar -}}
{{- include "chat-token-sidecar.checkKubeVersion" . -}}
- {{ include "chat-token-sidecar.container" . | indent 2 | trim }}
{{- end -}}
{{- end -}}

{{- define "chat-token-sidecar.containers" -}}
{{- if not .Values.nativeSidecar -}}
- {{ include "chat-token-sidecar.container" . | indent 2 | trim }}
{{- end -}}
{{- end -}}

{{/*
Before 1.29 an API server drops restartPolicy from an init container: the sidecar would then be an init container
that never ends, and the app would never start. Refuse that at install time instead. `helm lint` renders with a
made-up Kubernetes version and IsInstall=false, so it skips the check; `helm template` checks its --kube-version.
*/}}
{{- define "chat-token-sidecar.checkKubeVersion" -}}
{{- if and (or .Release.IsInstall .Release.IsUpgrade) (semverCompare "<1.29.0-0" .Capabilities.KubeVersion.Version) }}
{{- fail (printf "nativeSidecar=true needs Kubernetes 1.29 or newer (here: %s): set nativeSidecar=false for a classic sidecar container" .Capabilities.KubeVersion.Version) }}
{{- end }}
{{- end -}}

{{- define "chat-token-sidecar.container" -}}
{{- $active := include "chat-token-sidecar.activeProfileNames" . | fromJsonArray -}}
{{- $apiPort := include "chat-token-sidecar.apiPort" . -}}
{{- $managementPort := include "chat-token-sidecar.managementPort" . -}}
name: chat-token-sidecar
image: {{ printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) | quote }}
imagePullPolicy: {{ .Values.image.pullPolicy }}
{{- if .Values.nativeSidecar }}
# An init container that keeps running: started (startup probe passed) before the app, stopped after it.
restartPolicy: Always
{{- end }}
env:
  - name: QUARKUS_CONFIG_LOCATIONS
    value: {{ include "chat-token-sidecar.configDir" . }}/application.yaml
  # The listeners are fixed here, not in the configuration file: an environment variable (300)
  # outranks every file, and a container's own variables outrank service links (a Service named
  # quarkus-http would set QUARKUS_HTTP_PORT=tcp://<ip>:<port>). The token API on loopback only,
  # so that only the containers of this pod can ask for tokens.
  - name: QUARKUS_HTTP_HOST
    value: "127.0.0.1"
  - name: QUARKUS_HTTP_PORT
    value: {{ $apiPort | quote }}
  # Health and metrics for the kubelet and Prometheus; no token is minted on this port.
  - name: QUARKUS_MANAGEMENT_HOST
    value: "0.0.0.0"
  - name: QUARKUS_MANAGEMENT_PORT
    value: {{ $managementPort | quote }}
  {{- with .Values.upstream.redis.password.secretName }}
  # The Redis password from your Secret, never in the ConfigMap.
  - name: QUARKUS_REDIS_PASSWORD
    valueFrom:
      secretKeyRef:
        name: {{ . | quote }}
        key: {{ $.Values.upstream.redis.password.key | quote }}
  {{- end }}
# Only the management port is declared: the token API listens on 127.0.0.1, out of reach of other pods.
ports:
  - name: chat-token-mgmt
    containerPort: {{ $managementPort }}
    protocol: TCP
startupProbe:
  httpGet:
    path: /q/health/started
    port: {{ $managementPort }}
  {{- with .Values.probes.startup }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: {{ $managementPort }}
  {{- with .Values.probes.readiness }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: {{ $managementPort }}
  {{- with .Values.probes.liveness }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
resources:
  {{- toYaml .Values.resources | nindent 2 }}
securityContext:
  {{- toYaml .Values.securityContext | nindent 2 }}
# A profile the sidecar refuses at startup shows in `kubectl describe pod`, not only in the logs.
terminationMessagePolicy: FallbackToLogsOnError
volumeMounts:
  - name: chat-token-config
    mountPath: {{ include "chat-token-sidecar.configDir" . }}
    readOnly: true
  # The root filesystem is read-only; the HTTP server still wants a writable /tmp.
  - name: chat-token-tmp
    mountPath: /tmp
  # The sidecar never calls the API server: a mount at the service-account token's path keeps
  # Kubernetes from adding the pod's token to this container, also where the app needs its own.
  - name: chat-token-no-api-token
    mountPath: /var/run/secrets/kubernetes.io/serviceaccount
    readOnly: true
  {{- range $name := $active }}
  - name: chat-token-key-{{ $name }}
    mountPath: {{ include "chat-token-sidecar.keyDir" $name }}
    readOnly: true
  {{- end }}
  {{- if .Values.callerToken.secretName }}
  - name: chat-token-caller
    mountPath: {{ include "chat-token-sidecar.callerTokenDir" . }}
    readOnly: true
  {{- end }}
  {{- if .Values.audit.userKey.secretName }}
  - name: chat-token-audit
    mountPath: {{ include "chat-token-sidecar.auditKeyDir" . }}
    readOnly: true
  {{- end }}
  {{- if .Values.upstream.trustStore.configMapName }}
  - name: chat-token-trust-store
    mountPath: {{ include "chat-token-sidecar.trustStoreDir" . }}
    readOnly: true
  {{- end }}
{{- end -}}

{{/*
Each Secret is a whole-directory mount, never a subPath: the kubelet then swaps the directory's ..data link when the
Secret changes, and the sidecar picks the new key up without a restart. Only the profile's own key is projected.
Mode 0440 (decimal 288): read-only, owned by root and by the pod's fsGroup, through which the sidecar (UID 1001) reads.
*/}}
{{- define "chat-token-sidecar.volumes" -}}
{{- $active := include "chat-token-sidecar.activeProfileNames" . | fromJsonArray -}}
- name: chat-token-config
  configMap:
    name: {{ include "chat-token-sidecar.fullname" . }}
- name: chat-token-tmp
  emptyDir:
    sizeLimit: 16Mi
# Mounted read-only and by the sidecar alone, so nothing can fill it. No sizeLimit: the kubelet counts the empty
# directory's own block (4 KiB) against one and evicts the pod when a limit is smaller.
- name: chat-token-no-api-token
  emptyDir: {}
{{- range $name := $active }}
{{- $profile := index $.Values.profiles $name }}
- name: chat-token-key-{{ $name }}
  secret:
    secretName: {{ $profile.secret.name }}
    defaultMode: 288
    items:
      - key: {{ $profile.secret.key | quote }}
        path: {{ $profile.secret.key | quote }}
      {{- with $profile.keyIdKey }}
      - key: {{ . | quote }}
        path: {{ . | quote }}
      {{- end }}
{{- end }}
{{- if .Values.callerToken.secretName }}
- name: chat-token-caller
  secret:
    secretName: {{ .Values.callerToken.secretName }}
    defaultMode: 288
    items:
      - key: {{ .Values.callerToken.key | quote }}
        path: {{ .Values.callerToken.key | quote }}
{{- end }}
{{- if .Values.audit.userKey.secretName }}
- name: chat-token-audit
  secret:
    secretName: {{ .Values.audit.userKey.secretName }}
    defaultMode: 288
    items:
      - key: {{ .Values.audit.userKey.key | quote }}
        path: {{ .Values.audit.userKey.key | quote }}
{{- end }}
{{- if .Values.upstream.trustStore.configMapName }}
# CA certificates are public: a ConfigMap (e.g. one that trust-manager keeps). The sidecar reads the bundle when it
# starts: restart the pods after changing it.
- name: chat-token-trust-store
  configMap:
    name: {{ .Values.upstream.trustStore.configMapName | quote }}
    items:
      - key: {{ .Values.upstream.trustStore.key | quote }}
        path: {{ .Values.upstream.trustStore.key | quote }}
{{- end }}
{{- end -}}
