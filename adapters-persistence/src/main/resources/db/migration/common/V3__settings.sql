-- Values the whole cluster must agree on, written once by the first node that starts.
CREATE TABLE hookline_settings (
    setting_name  VARCHAR(64)  NOT NULL PRIMARY KEY,
    setting_value VARCHAR(200) NOT NULL
);
