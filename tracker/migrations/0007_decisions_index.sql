-- Each place's latest decision, read from an index alone (the home page's summary, the map's categories).
CREATE INDEX motion_decided ON motion (city_id, published, decided_on, status, aim);
